# breaks: client.signature
# run on: volcengine
"""Volcengine: the credential scope names service 'ec2' instead of 'ecs'."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_sign = harness.sign_volcengine


def sign_volcengine(method, url, headers, body_bytes, ak, sk, region, service, now):
    return _sign(method, url, headers, body_bytes, ak, sk, region, 'ec2', now)


harness.sign_volcengine = sign_volcengine
harness.main()
