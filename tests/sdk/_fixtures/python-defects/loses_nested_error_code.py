# breaks: client.surfaces-outcome
# run on: huaweicloud
"""Huawei: reads only the flat error form {error_code, error_msg}; a nested body {"error": {error_code, error_msg}}
comes back without its code and message."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402


def huawei_error_fields(body):
    if not isinstance(body, dict):
        return None, None, None
    code, msg, rid = body.get('error_code'), body.get('error_msg'), body.get('request_id')
    return (None if code is None else str(code), None if msg is None else str(msg), None if rid is None else str(rid))


harness.huawei_error_fields = huawei_error_fields
harness.main()
