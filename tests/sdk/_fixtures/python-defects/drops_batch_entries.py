# breaks: client.surfaces-outcome
# run on: huaweicloud
"""Huawei: a BatchAssociateKeypair success hands back only the first task of the batch."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_normalise = harness.normalise_huawei


def normalise_huawei(status, headers, body):
    outcome = _normalise(status, headers, body)
    data = outcome.get('data')
    if outcome.get('ok') and isinstance(data, dict) and isinstance(data.get('tasks'), list):
        outcome['data'] = {**data, 'tasks': data['tasks'][:1]}
    return outcome


harness.normalise_huawei = normalise_huawei
harness.main()
