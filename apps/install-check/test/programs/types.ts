// Every entry point of the dual (ES module and CommonJS) packages, type-checked as a consumer
// sees them; under node16 this file is CommonJS (the project has no "type": "module").
import type { FulfilResult, PickPost } from '@pickpost/core';
import { createPickPost, isPickPostError, renderLabel } from '@pickpost/core';
import { fromFetchRequest } from '@pickpost/core/adapter-kit';
import { createDataTransferOutbox } from '@pickpost/core/datatransfer';
import { createPostClient } from '@pickpost/core/post';
import { FIELD_LIMITS } from '@pickpost/core/rules';
import { defineStateStore } from '@pickpost/core/store-kit';
import { createPickPostMiddleware } from '@pickpost/express';
import pickPostProvider, { PickPostFulfillmentProvider } from '@pickpost/medusa';
import { createPostgresStateStore } from '@pickpost/store-postgres';
import { createSqliteStateStore } from '@pickpost/store-sqlite';

export const used = [
  createPickPost,
  isPickPostError,
  renderLabel,
  fromFetchRequest,
  createDataTransferOutbox,
  createPostClient,
  FIELD_LIMITS,
  defineStateStore,
  createPickPostMiddleware,
  createPostgresStateStore,
  createSqliteStateStore,
  pickPostProvider,
  PickPostFulfillmentProvider,
];
export type Used = [FulfilResult, PickPost];
