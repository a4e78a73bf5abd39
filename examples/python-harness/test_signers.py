"""Self-tests of the Python harness: its signers against the published vectors (the Huawei Go SDK's signer tests and API signing guide,
and the Volcengine vectors, computed from the documented algorithm, that the suite's tests/signing/published-vectors.spec.ts also checks),
its query and body encoding, its outcome normalisation, its retry policy (against a local stub server) and
the protocol as a child process sees it. Standard library only:

    cd examples/python-harness && python3 -m unittest -v
"""
import datetime
import http.server
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402

EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
VOLC_QUERY = ('Action=AttachKeyPair&ClientToken=tok-1&InstanceIds.1=i-aaaa&InstanceIds.2=i-bbbb'
              '&KeyPairName=ssh_key_pair&Version=2020-04-01')


class HuaweiVectors(unittest.TestCase):
    def test_go_sdk_get(self):
        sig = harness.huawei_signature('GET', 'https://example.huaweicloud.com/path?limit=1', {'x-sdk-date': '20060102T150405Z'},
                                       ['x-sdk-date'], b'', 'SecretKey', '20060102T150405Z')
        self.assertEqual(sig, '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624')

    def test_go_sdk_post_with_body(self):
        sig = harness.huawei_signature('POST', 'https://example.huaweicloud.com/path?key=value', {'x-sdk-date': '20060102T150405Z'},
                                       ['x-sdk-date'], b'{"Name":"test","Id":1}\n', 'SecretKey', '20060102T150405Z')
        self.assertEqual(sig, 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59')

    def test_api_guide(self):
        url = ('https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs'
               '?marker=13551d6b-755d-4757-b956-536f674975c0&limit=2')
        headers = {'content-type': 'application/json', 'host': 'service.region.example.com', 'x-sdk-date': '20191115T033655Z'}
        sig = harness.huawei_signature('GET', url, headers, ['content-type', 'host', 'x-sdk-date'], b'',
                                       'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc', '20191115T033655Z')
        self.assertEqual(sig, '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe')

    def test_sign_huawei_headers_and_authorization(self):
        now = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        url = 'http://127.0.0.1:8080/v3/pid/keypairs/associate'
        body = harness.huawei_body({'keypair_name': 'k', 'server': {'id': 's'}})
        out = harness.sign_huawei('POST', url, {'Content-Type': harness.HUAWEI_CONTENT_TYPE, 'X-Project-Id': 'pid'},
                                  body, 'AK', 'SK', now)
        self.assertEqual(out['X-Sdk-Date'], '20200102T030405Z')
        self.assertEqual(out['Host'], '127.0.0.1:8080')
        lower = {k.lower(): v for k, v in out.items()}
        signed = ['content-type', 'host', 'x-project-id', 'x-sdk-date']
        expected = harness.huawei_signature('POST', url, lower, signed, body, 'SK', '20200102T030405Z')
        self.assertEqual(out['Authorization'],
                         f'SDK-HMAC-SHA256 Access=AK, SignedHeaders={";".join(signed)}, Signature={expected}')
        # The canonical URI ends with '/': the same URL with a trailing slash signs the same.
        self.assertEqual(expected, harness.huawei_signature('POST', url + '/', lower, signed, body, 'SK', '20200102T030405Z'))

    def test_body_is_python_default_json(self):
        self.assertEqual(harness.huawei_body({'keypair_name': 'k', 'server': {'id': 's'}}),
                         b'{"keypair_name": "k", "server": {"id": "s"}}')


class VolcengineVectors(unittest.TestCase):
    def test_node_sdk_style(self):
        sig = harness.volcengine_signature('GET', 'https://open.volcengineapi.com/?' + VOLC_QUERY, {'x-date': '20240101T000000Z'},
                                           ['x-date'], b'', 'c2VjcmV0', 'cn-beijing', 'ecs', '20240101T000000Z')
        self.assertEqual(sig, '761b2bd2af1d60af6fb8952275414798bc0de392064e933acd27c950aea9a2d5')

    def test_go_sdk_style(self):
        headers = {'x-date': '20240101T000000Z', 'host': 'open.volcengineapi.com', 'x-content-sha256': EMPTY_SHA256,
                   'content-type': 'application/x-www-form-urlencoded; charset=utf-8'}
        sig = harness.volcengine_signature('GET', 'https://open.volcengineapi.com/?' + VOLC_QUERY, headers,
                                           ['content-type', 'host', 'x-content-sha256', 'x-date'], b'', 'c2VjcmV0',
                                           'cn-beijing', 'ecs', '20240101T000000Z')
        self.assertEqual(sig, '30e6eb2fecc864730a888d6eed6216e2db20541142fbc97537ae7a9a4f40491d')

    def test_sign_volcengine_authorization(self):
        now = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
        url = 'http://127.0.0.1:8080/?' + VOLC_QUERY
        out = harness.sign_volcengine('GET', url, {}, b'', 'AKLTexample', 'c2VjcmV0', 'cn-beijing', 'ecs', now)
        lower = {k.lower(): v for k, v in out.items()}
        sig = harness.volcengine_signature('GET', url, lower, ['host', 'x-date'], b'', 'c2VjcmV0', 'cn-beijing', 'ecs',
                                           '20240101T000000Z')
        self.assertEqual(out['Authorization'], 'HMAC-SHA256 Credential=AKLTexample/20240101/cn-beijing/ecs/request, '
                                               f'SignedHeaders=host;x-date, Signature={sig}')
        self.assertEqual(out['X-Date'], '20240101T000000Z')

    def test_query_encoding(self):
        self.assertEqual(harness.volcengine_query({'InstanceIds': ['i-aaaa', 'i-bbbb'], 'KeyPairName': 'ssh_key_pair',
                                                   'ClientToken': 'tok-1'}), VOLC_QUERY)
        q = harness.volcengine_query({'InstanceIds': ['i-1'], 'KeyPairName': 'a b+c*~/é'})
        self.assertIn('KeyPairName=a%20b%2Bc%2A~%2F%C3%A9', q)
        # Invalid requests are passed on: no InstanceIds, no InstanceIds.N.
        self.assertEqual(harness.volcengine_query({'KeyPairName': 'k'}), 'Action=AttachKeyPair&KeyPairName=k&Version=2020-04-01')

    def test_query_is_sorted_by_name(self):
        q = harness.volcengine_query({'InstanceIds': [f'i-{n}' for n in range(1, 12)], 'KeyPairName': 'k'})
        names = [pair.split('=')[0] for pair in q.split('&')]
        self.assertEqual(names, sorted(names))
        self.assertEqual(urllib.parse.parse_qs(q)['InstanceIds.10'], ['i-10'])


class Normalise(unittest.TestCase):
    def test_huawei_success(self):
        out = harness.normalise_huawei(202, {'x-request-id': 'r1'}, b'{"task_id": "t"}')
        self.assertEqual(out, {'ok': True, 'status': 202, 'data': {'task_id': 't'}, 'requestId': 'r1'})

    def test_huawei_flat_error(self):
        out = harness.normalise_huawei(400, {'x-request-id': 'r1'}, b'{"error_code":"KPS.4016","error_msg":"no"}')
        self.assertEqual(out, {'ok': False, 'status': 400, 'code': 'KPS.4016', 'message': 'no', 'requestId': 'r1'})

    def test_huawei_nested_error(self):
        body = b'{"error":{"error_code":"APIGW.0301","error_msg":"bad sig","request_id":"r2"}}'
        out = harness.normalise_huawei(401, {}, body)
        self.assertEqual(out, {'ok': False, 'status': 401, 'code': 'APIGW.0301', 'message': 'bad sig', 'requestId': 'r2'})
        out = harness.normalise_huawei(401, {}, b'{"anything":{"error_code":"KPS.9001","error_msg":"m"}}')
        self.assertEqual((out['code'], out['message']), ('KPS.9001', 'm'))

    def test_huawei_error_not_json(self):
        out = harness.normalise_huawei(502, {}, b'Bad Gateway')
        self.assertEqual(out, {'ok': False, 'status': 502, 'message': 'Bad Gateway'})

    def test_volcengine(self):
        ok = b'{"ResponseMetadata":{"RequestId":"r"},"Result":{"OperationDetails":[{"InstanceId":"i-1","Error":null}]}}'
        self.assertEqual(harness.normalise_volcengine(200, {}, ok),
                         {'ok': True, 'status': 200, 'data': {'OperationDetails': [{'InstanceId': 'i-1', 'Error': None}]},
                          'requestId': 'r'})
        err = b'{"ResponseMetadata":{"RequestId":"r","Error":{"Code":"InvalidKeyPair.NotFound","Message":"m"}}}'
        self.assertEqual(harness.normalise_volcengine(404, {}, err),
                         {'ok': False, 'status': 404, 'code': 'InvalidKeyPair.NotFound', 'message': 'm', 'requestId': 'r'})


# ------------------------------------------------------------------------------ a local stub server


class Stub:
    """Answers from a script, one step per request: an int status, 'reset', 'timeout' or 'ok'."""

    def __init__(self):
        self.script: list = []
        self.seen: list[tuple[str, str, dict, bytes]] = []
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, *args):
                pass

            def _any(self):
                n = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(n) if n else b''
                stub.seen.append((self.command, self.path, dict(self.headers.items()), body))
                step = stub.script.pop(0) if stub.script else 'ok'
                if step in ('reset', 'timeout'):
                    if step == 'timeout':
                        time.sleep(0.6)
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                status = 200 if step == 'ok' else step
                volc = self.path.startswith('/?')
                if status == 200:
                    data = ({'ResponseMetadata': {'RequestId': 'r'}, 'Result': {'OperationDetails': []}} if volc
                            else {'task_id': 't'})
                else:
                    data = ({'ResponseMetadata': {'RequestId': 'r', 'Error': {'Code': 'InternalError', 'Message': 'm'}}}
                            if volc else {'error_code': 'KPS.0003', 'error_msg': 'm'})
                raw = json.dumps(data).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = _any

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f'http://127.0.0.1:{self.server.server_address[1]}'
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def volc_case(endpoint, token='tok-1', timeout_ms=2000):
    os.environ['T_VOLC_AK'], os.environ['T_VOLC_SK'] = 'AK', 'SK'
    return {'id': 1, 'operation': 'AttachKeyPair', 'endpoint': endpoint, 'region': 'cn-beijing', 'timeoutMs': timeout_ms,
            'request': {'InstanceIds': ['i-1', 'i-2'], 'KeyPairName': 'k', 'ClientToken': token},
            'credentials': {'accessKeyVar': 'T_VOLC_AK', 'secretKeyVar': 'T_VOLC_SK'}}


def hw_case(endpoint, operation='AssociateKeypair', timeout_ms=2000):
    os.environ['T_HW_AK'], os.environ['T_HW_SK'] = 'AK', 'SK'
    request = ({'keypair_name': 'k', 'server': {'id': 's'}} if operation == 'AssociateKeypair'
               else {'batch_keypairs': [{'keypair_name': 'k', 'server': {'id': 's'}}]})
    return {'id': 2, 'operation': operation, 'endpoint': endpoint, 'region': 'cn-north-4', 'projectId': 'pid',
            'timeoutMs': timeout_ms, 'request': request,
            'credentials': {'accessKeyVar': 'T_HW_AK', 'secretKeyVar': 'T_HW_SK'}}


class Retries(unittest.TestCase):
    def setUp(self):
        self.stub = Stub()
        self._delay = harness.retry_delay
        harness.retry_delay = lambda attempt: 0

    def tearDown(self):
        harness.retry_delay = self._delay
        self.stub.close()

    def test_attach_retried_with_the_same_query(self):
        for script in ([500, 'ok'], ['reset', 'ok'], ['timeout', 'ok'], [429, 503, 'ok']):
            with self.subTest(script=script):
                self.stub.seen.clear()
                self.stub.script = list(script)
                out = harness.handle_case(volc_case(self.stub.endpoint, timeout_ms=300))
                self.assertTrue(out['ok'], out)
                paths = [seen[1] for seen in self.stub.seen]
                self.assertEqual(len(paths), len(script))
                self.assertEqual(len(set(paths)), 1, paths)
                self.assertIn('ClientToken=tok-1', paths[0])

    def test_attach_gives_up_after_three_attempts(self):
        self.stub.script = [500, 500, 500, 500]
        out = harness.handle_case(volc_case(self.stub.endpoint))
        self.assertEqual((out['ok'], out['status'], out['code']), (False, 500, 'InternalError'))
        self.assertEqual(len(self.stub.seen), 3)

    def test_bind_not_retried_after_5xx_reset_or_timeout(self):
        for operation in ('AssociateKeypair', 'BatchAssociateKeypair'):
            for step in (500, 503, 'reset', 'timeout'):
                with self.subTest(operation=operation, step=step):
                    self.stub.seen.clear()
                    self.stub.script = [step, 'ok']
                    out = harness.handle_case(hw_case(self.stub.endpoint, operation, timeout_ms=300))
                    self.assertFalse(out['ok'])
                    self.assertEqual(len(self.stub.seen), 1)
                    if step in ('reset', 'timeout'):
                        self.assertEqual(set(out), {'ok', 'message'})
                    else:
                        self.assertEqual((out['status'], out['code']), (step, 'KPS.0003'))

    def test_bind_retried_after_429(self):
        self.stub.script = [429, 'ok']
        out = harness.handle_case(hw_case(self.stub.endpoint))
        self.assertTrue(out['ok'], out)
        self.assertEqual([seen[3] for seen in self.stub.seen], [b'{"keypair_name": "k", "server": {"id": "s"}}'] * 2)

    def test_huawei_request_on_the_wire(self):
        harness.handle_case(hw_case(self.stub.endpoint))
        method, path, headers, body = self.stub.seen[0]
        self.assertEqual((method, path), ('POST', '/v3/pid/keypairs/associate'))
        self.assertEqual(headers['Content-Type'], 'application/json;charset=UTF-8')
        self.assertEqual(headers['X-Project-Id'], 'pid')
        self.assertIn('SignedHeaders=content-type;host;x-project-id;x-sdk-date,', headers['Authorization'])
        lower = {k.lower(): v for k, v in headers.items()}
        sig = harness.huawei_signature('POST', self.stub.endpoint + path, lower,
                                       ['content-type', 'host', 'x-project-id', 'x-sdk-date'], body, 'SK', headers['X-Sdk-Date'])
        self.assertTrue(headers['Authorization'].endswith(f'Signature={sig}'))

    def test_errors_do_not_escape(self):
        out = harness.handle_case({'id': 3, 'operation': 'AssociateKeypair'})
        self.assertEqual(set(out), {'ok', 'message'})
        self.assertFalse(out['ok'])


class Protocol(unittest.TestCase):
    def test_hello_answers_and_exit(self):
        stub = Stub()
        try:
            env = dict(os.environ, T_VOLC_AK='AK', T_VOLC_SK='very-secret-key')
            proc = subprocess.Popen([sys.executable, os.path.join(HERE, 'harness.py')], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            hello = json.loads(proc.stdout.readline())
            self.assertEqual(hello, {'protocol': 'keypair-conformance.harness/1', 'name': 'python-stdlib-harness 1',
                                     'operations': ['AssociateKeypair', 'BatchAssociateKeypair', 'AttachKeyPair']})
            case = volc_case(stub.endpoint)
            for n in (7, 8):
                # Each answer comes before stdin is closed: the harness flushes every line.
                proc.stdin.write((json.dumps(dict(case, id=n)) + '\n').encode())
                proc.stdin.flush()
                answer = json.loads(proc.stdout.readline())
                self.assertEqual(answer['id'], n)
                self.assertTrue(answer['outcome']['ok'], answer)
            proc.stdin.close()
            self.assertEqual(proc.wait(timeout=10), 0)
            self.assertEqual(proc.stdout.read(), b'')
            self.assertNotIn(b'very-secret-key', proc.stderr.read())
            proc.stdout.close()
            proc.stderr.close()
        finally:
            stub.close()


if __name__ == '__main__':
    unittest.main()
