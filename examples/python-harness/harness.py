#!/usr/bin/env python3
"""A harness for `npx conformance sdk --harness` (docs/harness-protocol.md), in Python 3.11, standard
library only, with its own signers: Huawei Cloud SDK-HMAC-SHA256 and Volcengine HMAC-SHA256.

It is a template for a team whose client is written in another language: the parts a real harness replaces
with calls to its SDK are the small top-level functions below (a test or a deliberately broken copy under
tests/sdk/_fixtures/python-defects/ monkeypatches exactly one of them):

    utc_now()                                         the signing clock
    read_credentials(credentials)                     (ak, sk, token) from the variables the case names
    huawei_body(request)                              the bytes sent (json.dumps, Python's default separators)
    huawei_headers(msg)                               Content-Type and X-Project-Id, before signing
    sign_huawei(method, url, headers, body, ak, sk, now)
    volcengine_query(request)                         Action, Version, InstanceIds.N, ... (RFC 3986, sorted);
                                                      called again for every attempt, from the same request
    sign_volcengine(method, url, headers, body, ak, sk, region, service, now)
    http_send(method, url, headers, body, timeout_s)  one HTTP exchange; raises TransportError
    should_retry(operation, status_or_exc, attempt)   whether to send the same request again
    retry_delay(attempt)                              seconds to wait before that
    huawei_error_fields(body)                         (code, message, request_id) of a flat or nested KPS error
    normalise_huawei(status, headers, body)           the outcome of one Huawei answer
    normalise_volcengine(status, headers, body)       the outcome of one Volcengine answer
    normalise(operation, status, headers, body)       picks one of the two
    handle_case(msg)                                  one case -> its outcome; never raises
    main()                                            hello, then one answer per case line

huawei_signature() and volcengine_signature() are the bare signers (explicit signed-header list), which
test_signers.py checks against the published vectors.

Nothing but protocol lines goes to stdout; nothing at all goes to stderr unless a case line cannot be read,
and never a credential.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import http.client
import json
import os
import re
import socket
import sys
import time
import urllib.parse

PROTOCOL = 'keypair-conformance.harness/1'
NAME = 'python-stdlib-harness 1'
OPERATIONS = ['AssociateKeypair', 'BatchAssociateKeypair', 'AttachKeyPair']

HUAWEI_PATHS = {
    'AssociateKeypair': '/keypairs/associate',
    'BatchAssociateKeypair': '/keypairs/batch-associate',
}
HUAWEI_ALGORITHM = 'SDK-HMAC-SHA256'
# What the Huawei Node core signs (CLOUD-FACTS.md), plus the token when there is one.
HUAWEI_SIGNED = ('content-type', 'host', 'x-project-id', 'x-sdk-date', 'x-security-token')
HUAWEI_CONTENT_TYPE = 'application/json;charset=UTF-8'

VOLC_ALGORITHM = 'HMAC-SHA256'
VOLC_SERVICE = 'ecs'
VOLC_ACTION = 'AttachKeyPair'
VOLC_VERSION = '2020-04-01'
VOLC_SIGNED = ('host', 'x-date', 'x-security-token')

MAX_ATTEMPTS = 3  # the first send and at most 2 more
DEFAULT_TIMEOUT_MS = 10_000


# ---------------------------------------------------------------------------------------------- clock


def utc_now() -> _dt.datetime:
    """The signing clock (UTC, aware)."""
    return _dt.datetime.now(_dt.timezone.utc)


def basic_date(now: _dt.datetime) -> str:
    """YYYYMMDDTHHMMSSZ, in UTC."""
    return now.astimezone(_dt.timezone.utc).strftime('%Y%m%dT%H%M%SZ')


# ------------------------------------------------------------------------------------- shared helpers


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hmac_sha256(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode('utf-8'), hashlib.sha256).digest()


def rfc3986(value: str | bytes) -> str:
    """Percent-encodes every byte but A-Z a-z 0-9 - . _ ~ (space is %20, never '+'); upper-case hex."""
    return urllib.parse.quote(value, safe='-_.~')


def canonical_path(path: str, trailing_slash: bool) -> str:
    """Each segment decoded, then encoded once; Huawei always ends with '/'."""
    joined = '/'.join(rfc3986(urllib.parse.unquote_to_bytes(seg)) for seg in path.split('/'))
    if joined == '':
        return '/'
    if trailing_slash and not joined.endswith('/'):
        joined += '/'
    return joined


def parse_query(query: str) -> list[tuple[bytes, bytes]]:
    """The query's pairs, decoded to bytes ('+' read as a space); a name without '=' has an empty value."""
    pairs = []
    for piece in query.split('&'):
        if piece == '':
            continue
        key, _, value = piece.partition('=')
        pairs.append((urllib.parse.unquote_to_bytes(key.replace('+', ' ')),
                      urllib.parse.unquote_to_bytes(value.replace('+', ' '))))
    return pairs


def canonical_query(query: str, value_order: str) -> str:
    """Sorted by decoded name; equal names by decoded (Huawei) or encoded (Volcengine) value."""
    rows = [(k, v, rfc3986(k), rfc3986(v)) for k, v in parse_query(query)]
    if value_order == 'decoded':
        rows.sort(key=lambda r: (r[0], r[1]))
    else:
        rows.sort(key=lambda r: (r[0], r[3]))
    return '&'.join(f'{ek}={ev}' for _, _, ek, ev in rows)


def canonical_request(method: str, path: str, query: str, headers: dict[str, str], signed: list[str],
                      payload_hash: str, fold: bool) -> str:
    lines = ''
    for name in signed:
        value = headers[name].strip()
        if fold:
            value = re.sub(r'\s+', ' ', value)
        lines += f'{name}:{value}\n'
    return '\n'.join([method, path, query, lines, ';'.join(signed), payload_hash])


def _lower(headers: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


# ------------------------------------------------------------------------------------- Huawei signer


def huawei_signature(method: str, url: str, headers: dict[str, str], signed: list[str], body_bytes: bytes,
                     sk: str, date: str) -> str:
    """The hex SDK-HMAC-SHA256 signature over the given headers (lower-cased names) named in `signed`."""
    parts = urllib.parse.urlsplit(url)
    text = canonical_request(method.upper(), canonical_path(parts.path, True), canonical_query(parts.query, 'decoded'),
                             headers, signed, sha256_hex(body_bytes), fold=False)
    string_to_sign = f'{HUAWEI_ALGORITHM}\n{date}\n{sha256_hex(text.encode("utf-8"))}'
    return hmac.new(sk.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()


def sign_huawei(method: str, url: str, headers: dict[str, str], body_bytes: bytes, ak: str, sk: str,
                now: _dt.datetime) -> dict[str, str]:
    """SDK-HMAC-SHA256: the headers to send (those given, plus Host, X-Sdk-Date and Authorization). Signs
    content-type, host, x-project-id, x-sdk-date and x-security-token, those of them the request carries."""
    out = {k: v for k, v in headers.items() if k.lower() not in ('authorization', 'x-sdk-date', 'host')}
    date = basic_date(now)
    out['Host'] = urllib.parse.urlsplit(url).netloc
    out['X-Sdk-Date'] = date
    lower = _lower(out)
    signed = [name for name in HUAWEI_SIGNED if name in lower]
    signature = huawei_signature(method, url, lower, signed, body_bytes, sk, date)
    out['Authorization'] = f'{HUAWEI_ALGORITHM} Access={ak}, SignedHeaders={";".join(signed)}, Signature={signature}'
    return out


# --------------------------------------------------------------------------------- Volcengine signer


def volcengine_signing_key(sk: str, day: str, region: str, service: str) -> bytes:
    k_date = hmac_sha256(sk.encode('utf-8'), day)
    k_region = hmac_sha256(k_date, region)
    k_service = hmac_sha256(k_region, service)
    return hmac_sha256(k_service, 'request')


def volcengine_signature(method: str, url: str, headers: dict[str, str], signed: list[str], body_bytes: bytes,
                         sk: str, region: str, service: str, date: str) -> str:
    """The hex HMAC-SHA256 signature over the given headers (lower-cased names) named in `signed`."""
    parts = urllib.parse.urlsplit(url)
    scope = f'{date[:8]}/{region}/{service}/request'
    text = canonical_request(method.upper(), canonical_path(parts.path, False), canonical_query(parts.query, 'encoded'),
                             headers, signed, sha256_hex(body_bytes), fold=True)
    string_to_sign = f'{VOLC_ALGORITHM}\n{date}\n{scope}\n{sha256_hex(text.encode("utf-8"))}'
    key = volcengine_signing_key(sk, date[:8], region, service)
    return hmac.new(key, string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()


def sign_volcengine(method: str, url: str, headers: dict[str, str], body_bytes: bytes, ak: str, sk: str,
                    region: str, service: str, now: _dt.datetime) -> dict[str, str]:
    """Volcengine HMAC-SHA256: the headers to send (those given, plus Host, X-Date and Authorization). Signs
    host, x-date and x-security-token, those of them the request carries; the scope names region and service."""
    out = {k: v for k, v in headers.items() if k.lower() not in ('authorization', 'x-date', 'host')}
    date = basic_date(now)
    out['Host'] = urllib.parse.urlsplit(url).netloc
    out['X-Date'] = date
    lower = _lower(out)
    signed = [name for name in VOLC_SIGNED if name in lower]
    signature = volcengine_signature(method, url, lower, signed, body_bytes, sk, region, service, date)
    out['Authorization'] = (f'{VOLC_ALGORITHM} Credential={ak}/{date[:8]}/{region}/{service}/request, '
                            f'SignedHeaders={";".join(signed)}, Signature={signature}')
    return out


# ------------------------------------------------------------------------------------ request building


def read_credentials(credentials: dict) -> tuple[str, str, str | None]:
    """(access key, secret key, security token or None), read from the variables the case names."""
    ak = os.environ.get(credentials.get('accessKeyVar') or '', '')
    sk = os.environ.get(credentials.get('secretKeyVar') or '', '')
    token_var = credentials.get('securityTokenVar')
    token = os.environ.get(token_var) if token_var else None
    return ak, sk, (token or None)


def huawei_body(request) -> bytes:
    """The JSON body as sent: Python's default separators (', ' and ': '), not Node's compact form."""
    return json.dumps(request).encode('utf-8')


def huawei_headers(msg: dict) -> dict[str, str]:
    """The headers of a Huawei call before signing."""
    return {'Content-Type': HUAWEI_CONTENT_TYPE, 'X-Project-Id': str(msg['projectId'])}


def _query_value(value) -> str:
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if value is None:
        return ''
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(',', ':'))
    return str(value)


def volcengine_query(request: dict) -> str:
    """Action and Version, then the logical request: InstanceIds as InstanceIds.1..N, scalars as they are.
    RFC 3986-encoded and sorted, so the string sent is the canonical one."""
    pairs: list[tuple[str, str]] = [('Action', VOLC_ACTION), ('Version', VOLC_VERSION)]
    for name, value in (request or {}).items():
        if value is None or name in ('Action', 'Version'):
            continue
        if name == 'InstanceIds' and isinstance(value, list):
            pairs.extend((f'InstanceIds.{i}', _query_value(item)) for i, item in enumerate(value, start=1))
        else:
            pairs.append((name, _query_value(value)))
    return canonical_query('&'.join(f'{rfc3986(k)}={rfc3986(v)}' for k, v in pairs), 'encoded')


def _join(endpoint: str, path: str) -> str:
    return endpoint.rstrip('/') + path


# ------------------------------------------------------------------------------------------- transport


class TransportError(Exception):
    """A reset, a timeout or another failure before an HTTP answer was read. kind: reset|timeout|other."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def http_send(method: str, url: str, headers: dict[str, str], body: bytes | None,
              timeout_s: float) -> tuple[int, dict[str, str], bytes]:
    """One HTTP exchange: (status, lower-cased headers, body bytes); raises TransportError."""
    parts = urllib.parse.urlsplit(url)
    conn_class = http.client.HTTPSConnection if parts.scheme == 'https' else http.client.HTTPConnection
    target = parts.path or '/'
    if parts.query:
        target += '?' + parts.query
    conn = conn_class(parts.hostname, parts.port, timeout=timeout_s)
    try:
        # Host is among the given headers, so http.client adds none of its own.
        conn.request(method, target, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    except (TimeoutError, socket.timeout) as e:
        raise TransportError('timeout', f'timeout after {timeout_s:g} s waiting for {parts.netloc}') from e
    except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError, http.client.RemoteDisconnected,
            http.client.IncompleteRead) as e:
        raise TransportError('reset', f'connection reset by {parts.netloc}: {type(e).__name__}') from e
    except (OSError, http.client.HTTPException) as e:
        raise TransportError('other', f'cannot reach {parts.netloc}: {type(e).__name__}: {e}') from e
    finally:
        conn.close()


def should_retry(operation: str, status_or_exc, attempt: int) -> bool:
    """After attempt number `attempt` (1 = the first send) ended in status_or_exc (an HTTP status or a
    TransportError): send the same request again? AttachKeyPair after a 429, a 5xx, a reset or a timeout
    (same ClientToken, so the server does it once); a Huawei bind only after a 429 (not processed)."""
    if attempt >= MAX_ATTEMPTS:
        return False
    if operation == 'AttachKeyPair':
        if isinstance(status_or_exc, TransportError):
            return status_or_exc.kind in ('reset', 'timeout')
        return status_or_exc == 429 or 500 <= status_or_exc <= 599
    if isinstance(status_or_exc, TransportError):
        return False
    return status_or_exc == 429


def retry_delay(attempt: int) -> float:
    """Seconds to wait before attempt + 1."""
    return 0.1 * attempt


# --------------------------------------------------------------------------------------- normalising


_NOT_JSON = object()


def _json(body: bytes, default=None):
    """The parsed body, or `default` when it is not JSON."""
    try:
        return json.loads(body.decode('utf-8'))
    except (ValueError, UnicodeDecodeError):
        return default


def _text(body: bytes) -> str:
    return body.decode('utf-8', errors='replace')


def huawei_error_fields(body) -> tuple[str | None, str | None, str | None]:
    """(error_code, error_msg, request_id) of a KPS/API Gateway error body: the flat form
    {"error_code", "error_msg"} or the nested one, {"<any key>": {"error_code", "error_msg"}}."""
    if not isinstance(body, dict):
        return None, None, None
    inner = body
    if 'error_code' not in body and len(body) == 1:
        (only,) = body.values()
        if isinstance(only, dict) and 'error_code' in only:
            inner = only
    code, msg, rid = inner.get('error_code'), inner.get('error_msg'), inner.get('request_id')
    return (None if code is None else str(code), None if msg is None else str(msg), None if rid is None else str(rid))


def normalise_huawei(status: int, headers: dict[str, str], body: bytes) -> dict:
    parsed = _json(body, _NOT_JSON)
    request_id = headers.get('x-request-id')
    if 200 <= status <= 299:
        out = {'ok': True, 'status': status, 'data': parsed if parsed is not _NOT_JSON else _text(body)}
        if request_id:
            out['requestId'] = request_id
        return out
    code, message, body_request_id = huawei_error_fields(parsed)
    out = {'ok': False, 'status': status}
    if code is not None:
        out['code'] = code
    if message is not None:
        out['message'] = message
    elif parsed is _NOT_JSON and body:
        out['message'] = _text(body)[:500]
    if request_id or body_request_id:
        out['requestId'] = request_id or body_request_id
    return out


def normalise_volcengine(status: int, headers: dict[str, str], body: bytes) -> dict:
    parsed = _json(body, _NOT_JSON)
    meta = parsed.get('ResponseMetadata') if isinstance(parsed, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    error = meta.get('Error')
    request_id = meta.get('RequestId')
    if isinstance(error, dict) or not (200 <= status <= 299) or not isinstance(parsed, dict):
        out = {'ok': False, 'status': status}
        if isinstance(error, dict):
            if error.get('Code') is not None:
                out['code'] = str(error['Code'])
            if error.get('Message') is not None:
                out['message'] = str(error['Message'])
        elif parsed is _NOT_JSON and body:
            out['message'] = _text(body)[:500]
        if request_id:
            out['requestId'] = str(request_id)
        return out
    out = {'ok': True, 'status': status}
    if 'Result' in parsed:
        out['data'] = parsed['Result']
    if request_id:
        out['requestId'] = str(request_id)
    return out


def normalise(operation: str, status: int, headers: dict[str, str], body: bytes) -> dict:
    if operation == 'AttachKeyPair':
        return normalise_volcengine(status, headers, body)
    return normalise_huawei(status, headers, body)


# ----------------------------------------------------------------------------------------- one case


def _send_with_retries(operation: str, build, timeout_s: float) -> dict:
    """build() -> (method, url, headers, body), called for every attempt (fresh date and signature over the
    same request). Returns the outcome of the last attempt."""
    attempt = 0
    while True:
        attempt += 1
        method, url, headers, body = build()
        try:
            status, resp_headers, resp_body = http_send(method, url, headers, body, timeout_s)
        except TransportError as e:
            if should_retry(operation, e, attempt):
                time.sleep(retry_delay(attempt))
                continue
            return {'ok': False, 'message': str(e)}
        if should_retry(operation, status, attempt):
            time.sleep(retry_delay(attempt))
            continue
        return normalise(operation, status, resp_headers, resp_body)


def call_huawei(msg: dict) -> dict:
    operation = msg['operation']
    ak, sk, token = read_credentials(msg.get('credentials') or {})
    url = _join(msg['endpoint'], f'/v3/{rfc3986(str(msg["projectId"]))}{HUAWEI_PATHS[operation]}')
    body = huawei_body(msg.get('request'))

    def build():
        headers = huawei_headers(msg)
        if token:
            headers['X-Security-Token'] = token
        return 'POST', url, sign_huawei('POST', url, headers, body, ak, sk, utc_now()), body

    return _send_with_retries(operation, build, _timeout_s(msg))


def call_volcengine(msg: dict) -> dict:
    ak, sk, token = read_credentials(msg.get('credentials') or {})
    request = msg.get('request')

    def build():
        url = _join(msg['endpoint'], '/?' + volcengine_query(request))
        headers = {'X-Security-Token': token} if token else {}
        signed = sign_volcengine('GET', url, headers, b'', ak, sk, msg['region'], VOLC_SERVICE, utc_now())
        return 'GET', url, signed, None

    return _send_with_retries('AttachKeyPair', build, _timeout_s(msg))


def _timeout_s(msg: dict) -> float:
    ms = msg.get('timeoutMs')
    return (ms if isinstance(ms, (int, float)) and ms > 0 else DEFAULT_TIMEOUT_MS) / 1000.0


def _redact(text: str, msg: dict) -> str:
    try:
        _, sk, token = read_credentials(msg.get('credentials') or {})
    except Exception:
        sk, token = '', None
    for secret in (sk, token):
        if secret:
            text = text.replace(secret, '[redacted]')
    return re.sub(r'Signature=[0-9a-fA-F]+', 'Signature=[redacted]', text)


def handle_case(msg: dict) -> dict:
    """The outcome of one case (docs/harness-protocol.md §3). Never raises."""
    try:
        operation = msg.get('operation')
        if operation in HUAWEI_PATHS:
            return call_huawei(msg)
        if operation == 'AttachKeyPair':
            return call_volcengine(msg)
        return {'ok': False, 'message': f'operation {operation!r} is not offered by this harness'}
    except Exception as e:  # a harness must answer every case
        return {'ok': False, 'message': _redact(f'harness error: {type(e).__name__}: {e}', msg)}


# --------------------------------------------------------------------------------------------- main


def write_line(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, separators=(',', ':')) + '\n')
    sys.stdout.flush()


def main() -> None:
    try:
        write_line({'protocol': PROTOCOL, 'name': NAME, 'operations': OPERATIONS})
        for raw in sys.stdin.buffer:
            line = raw.decode('utf-8', errors='replace').strip()
            if not line:
                continue
            try:
                msg = json.loads(line)
            except ValueError:
                sys.stderr.write('harness: a case line is not JSON; skipped\n')
                sys.stderr.flush()
                continue
            if not isinstance(msg, dict) or 'id' not in msg:
                sys.stderr.write('harness: a case line has no id; skipped\n')
                sys.stderr.flush()
                continue
            write_line({'id': msg['id'], 'outcome': handle_case(msg)})
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    sys.exit(0)


if __name__ == '__main__':
    main()
