# breaks: client.signature
# run on: huaweicloud
"""Huawei: the signature is computed over the compact JSON (as Node's JSON.stringify writes it) while the
default-spaced bytes of huawei_body() are sent: the signature does not cover the bytes actually sent."""
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_sign = harness.sign_huawei


def sign_huawei(method, url, headers, body_bytes, ak, sk, now):
    compact = json.dumps(json.loads(body_bytes), separators=(',', ':')).encode('utf-8')
    return _sign(method, url, headers, compact, ak, sk, now)


harness.sign_huawei = sign_huawei
harness.main()
