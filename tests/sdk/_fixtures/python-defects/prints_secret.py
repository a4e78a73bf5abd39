# breaks: client.no-secrets-in-output
# run on: volcengine
"""Writes the case's secret key to stderr (a debug line) before each call."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_handle = harness.handle_case


def handle_case(msg):
    try:
        _, sk, _ = harness.read_credentials(msg.get('credentials') or {})
        sys.stderr.write(f'debug: case {msg.get("id")} signing with secret key {sk}\n')
        sys.stderr.flush()
    except Exception:
        pass
    return _handle(msg)


harness.handle_case = handle_case
harness.main()
