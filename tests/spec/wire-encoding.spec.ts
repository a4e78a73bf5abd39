import { test, expect } from '@playwright/test';
import { getOperation, type WireEncoding } from '../../src/spec/operations.ts';
import { decodeRpcQuery, encodeRpcQuery } from '../../src/spec/wire-encoding.ts';

const attach = getOperation('AttachKeyPair');

test("the spec records AttachKeyPair's wire encoding", () => {
  expect(attach.wireEncoding).toEqual({
    description: expect.any(String),
    example: expect.any(String),
    in: 'query',
    fixed: { Action: 'AttachKeyPair', Version: '2020-04-01' },
    indexed: { InstanceIds: { pattern: 'InstanceIds.{N}', firstIndex: 1 } },
  });
});

test('InstanceIds are flattened to InstanceIds.1..N after Action and Version', () => {
  // Act
  const params = encodeRpcQuery(attach.wireEncoding!, { InstanceIds: ['i-a', 'i-b'], KeyPairName: 'ssh_key_pair1', ClientToken: 't 1' });
  // Assert
  expect(params).toEqual([
    ['Action', 'AttachKeyPair'],
    ['Version', '2020-04-01'],
    ['InstanceIds.1', 'i-a'],
    ['InstanceIds.2', 'i-b'],
    ['KeyPairName', 'ssh_key_pair1'],
    ['ClientToken', 't 1'],
  ]);
});

test('the encoder follows the extension, not a built-in name', () => {
  // Arrange: the same logical request under a different documented encoding
  const other: WireEncoding = { in: 'query', fixed: { Action: 'X' }, indexed: { InstanceIds: { pattern: 'Instance.{N}.Id', firstIndex: 0 } } };
  // Act
  const params = encodeRpcQuery(other, { InstanceIds: ['i-a', 'i-b'] });
  // Assert
  expect(params).toEqual([
    ['Action', 'X'],
    ['Instance.0.Id', 'i-a'],
    ['Instance.1.Id', 'i-b'],
  ]);
});

test('decoding orders indexed items by index and reports absurd indexes', () => {
  // Act
  const decoded = decodeRpcQuery(attach.wireEncoding!, [
    ['Action', 'AttachKeyPair'],
    ['InstanceIds.10', 'i-j'],
    ['InstanceIds.2', 'i-b'],
    ['InstanceIds.0', 'i-zero'],
    ['InstanceIds.99999999999', 'i-huge'],
    ['InstanceIds.x', 'i-x'],
    ['KeyPairId', 'kp-1'],
  ]);
  // Assert
  expect(decoded.request).toEqual({ InstanceIds: ['i-b', 'i-j'], KeyPairId: 'kp-1' });
  expect(decoded.fixed).toEqual({ Action: 'AttachKeyPair' });
  expect(decoded.badIndexes).toEqual(['InstanceIds.0', 'InstanceIds.99999999999', 'InstanceIds.x']);
});

test('encode then decode gives the logical request back', () => {
  const request = { InstanceIds: Array.from({ length: 100 }, (_, i) => `i-${i}`), KeyPairName: 'k', KeyPairId: 'kp' };
  const decoded = decodeRpcQuery(attach.wireEncoding!, encodeRpcQuery(attach.wireEncoding!, request));
  expect(decoded.request).toEqual(request);
  expect(decoded.badIndexes).toEqual([]);
});

test('a non-array for an indexed member is a clear error', () => {
  expect(() => encodeRpcQuery(attach.wireEncoding!, { InstanceIds: 'i-a' })).toThrow(
    'encodeRpcQuery: InstanceIds is indexed on the wire, so it must be an array.',
  );
});
