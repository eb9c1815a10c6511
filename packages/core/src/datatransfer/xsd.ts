/**
 * The XML Schema of `xmlShipmentDataFormat` (ours, version 1), with Swiss Post's field limits.
 * It is not Swiss Post's official DataTransfer XSD; see the format's documentation. It describes
 * the default file settings (namespace `urn:pickpost-sdk:datatransfer:1`, root `Envelope`).
 */
export const PICKPOST_DATATRANSFER_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns="urn:pickpost-sdk:datatransfer:1"
           targetNamespace="urn:pickpost-sdk:datatransfer:1"
           elementFormDefault="qualified">
  <xs:simpleType name="Text">
    <xs:restriction base="xs:string"><xs:pattern value="[^*\\\\{}\\[\\]=&lt;&gt;|]*"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Text25"><xs:restriction base="Text"><xs:maxLength value="25"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Text34"><xs:restriction base="Text"><xs:maxLength value="34"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Text35"><xs:restriction base="Text"><xs:maxLength value="35"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Text50"><xs:restriction base="Text"><xs:maxLength value="50"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Text10"><xs:restriction base="Text"><xs:maxLength value="10"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Phone"><xs:restriction base="xs:string"><xs:pattern value="[0-9 ]{10,20}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Zip"><xs:restriction base="xs:string"><xs:pattern value="[0-9]{4}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Country"><xs:restriction base="xs:string"><xs:enumeration value="CH"/><xs:enumeration value="LI"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Licence"><xs:restriction base="xs:string"><xs:pattern value="[0-9]{8}"/></xs:restriction></xs:simpleType>

  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="FileInfos">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="FrankingLicense" type="Licence"/>
              <xs:element name="PpFranking" type="xs:boolean"/>
              <xs:element name="FileName" type="xs:string"/>
              <xs:element name="CreatedAt" type="xs:dateTime"/>
              <xs:element name="Customer">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="Name1" type="Text25"/>
                    <xs:element name="Name2" type="Text25" minOccurs="0"/>
                    <xs:element name="Street" type="Text25"/>
                    <xs:element name="POBox" type="Text25" minOccurs="0"/>
                    <xs:element name="ZIP" type="Zip"/>
                    <xs:element name="City" type="Text25"/>
                    <xs:element name="Country" type="Country" minOccurs="0"/>
                    <xs:element name="DomicilePostOffice" type="Text35" minOccurs="0"/>
                  </xs:sequence>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="Data">
          <xs:complexType><xs:sequence><xs:element name="Provider">
            <xs:complexType><xs:sequence><xs:element name="Sending">
              <xs:complexType><xs:sequence>
                <xs:element name="Item" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="ItemID">
                        <xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[A-Za-z0-9_+\\-]{1,200}"/></xs:restriction></xs:simpleType>
                      </xs:element>
                      <xs:element name="ItemNumber">
                        <xs:simpleType><xs:restriction base="xs:nonNegativeInteger"><xs:maxInclusive value="99999999"/></xs:restriction></xs:simpleType>
                      </xs:element>
                      <xs:element name="IdentCode">
                        <xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="99[0-9]{16}"/></xs:restriction></xs:simpleType>
                      </xs:element>
                      <xs:element name="Recipient">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="Title" type="Text35" minOccurs="0"/>
                            <xs:element name="Firstname" type="Text35" minOccurs="0"/>
                            <xs:element name="Name1" type="Text35"/>
                            <xs:element name="Name2" type="Text35" minOccurs="0"/>
                            <xs:element name="Name3" type="Text35" minOccurs="0"/>
                            <xs:element name="Street" type="Text35" minOccurs="0"/>
                            <xs:element name="HouseNo" type="Text10" minOccurs="0"/>
                            <xs:element name="POBox" type="Text35" minOccurs="0"/>
                            <xs:element name="ZIP" type="Zip"/>
                            <xs:element name="City" type="Text35"/>
                            <xs:element name="Country" type="Country" minOccurs="0"/>
                            <xs:element name="Phone" type="Phone" minOccurs="0"/>
                            <xs:element name="Mobile" type="Phone" minOccurs="0"/>
                            <xs:element name="EMail" minOccurs="0">
                              <xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="160"/></xs:restriction></xs:simpleType>
                            </xs:element>
                          </xs:sequence>
                        </xs:complexType>
                      </xs:element>
                      <xs:element name="AdditionalINFOS" minOccurs="0">
                        <xs:complexType><xs:sequence>
                          <xs:element name="AdditionalData" maxOccurs="20">
                            <xs:complexType><xs:sequence>
                              <xs:element name="Type" type="Text35"/>
                              <xs:element name="Value" type="Text50"/>
                            </xs:sequence></xs:complexType>
                          </xs:element>
                        </xs:sequence></xs:complexType>
                      </xs:element>
                      <xs:element name="Attributes">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="PRZL" maxOccurs="unbounded">
                              <xs:simpleType><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="20"/></xs:restriction></xs:simpleType>
                            </xs:element>
                            <xs:element name="FreeText" type="Text34" minOccurs="0"/>
                            <xs:element name="Dimensions" minOccurs="0">
                              <xs:complexType><xs:sequence>
                                <xs:element name="Weight">
                                  <xs:simpleType><xs:restriction base="xs:positiveInteger"><xs:maxInclusive value="99999"/></xs:restriction></xs:simpleType>
                                </xs:element>
                              </xs:sequence></xs:complexType>
                            </xs:element>
                          </xs:sequence>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
              </xs:sequence></xs:complexType>
            </xs:element></xs:sequence></xs:complexType>
          </xs:element></xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="Summary">
          <xs:complexType><xs:sequence><xs:element name="ItemCount" type="xs:nonNegativeInteger"/></xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;
