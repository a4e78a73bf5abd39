# breaks: ecs.attach-key-pair.one-detail-per-instance
# run on: volcengine
"""Volcengine: only InstanceIds.1 goes on the wire, so OperationDetails has one entry where several ids were asked for."""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside harness.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[os.pardir] * 4, "examples", "python-harness"))
import harness  # noqa: E402

_query = harness.volcengine_query


def volcengine_query(request):
    if isinstance(request, dict) and isinstance(request.get('InstanceIds'), list):
        request = {**request, 'InstanceIds': request['InstanceIds'][:1]}
    return _query(request)


harness.volcengine_query = volcengine_query
harness.main()
