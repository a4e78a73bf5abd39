/** The environment variables the reference mock's target files name (targets/reference-mock.json). */
export const MOCK_CREDENTIAL_ENV = {
  huaweiAccessKey: 'MOCK_HWC_AK',
  huaweiSecretKey: 'MOCK_HWC_SK',
  huaweiToken: 'MOCK_HWC_TOKEN',
  volcengineAccessKey: 'MOCK_VOLC_AK',
  volcengineSecretKey: 'MOCK_VOLC_SK',
} as const;
