// Medusa's documented test setup: MikroORM's metadata is per process, each suite boots anew.
const { MetadataStorage } = require('@medusajs/framework/mikro-orm/core');

MetadataStorage.clear();
