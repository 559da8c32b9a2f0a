#!/usr/bin/env python3
"""Builds the reference requests for cases.json with botocore's own serializer and the service
model (the request AWS's SDKs send for the same input), and writes golden.json beside it.

Run it again when cases.json or the model changes:
    python3 tests/S3BatchCmdlets.Tests/Golden/make_golden.py [path/to/s3control-jobs-model.json]
The xunit tests compare the module's requests with golden.json; they do not need Python.
"""
import datetime
import json
import os
import sys

import botocore
import botocore.model
import botocore.serialize
from botocore.utils import percent_encode_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '..', '..', 'shared', 'reference', 's3control-jobs-model.json')


def timestamps(value, shape):
    """botocore takes datetimes for timestamp members; the cases hold ISO 8601 strings."""
    if shape is None:
        return value
    if shape.type_name == 'timestamp' and isinstance(value, str):
        return datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    if shape.type_name == 'structure' and isinstance(value, dict):
        return {k: timestamps(v, shape.members[k]) for k, v in value.items()}
    if shape.type_name == 'list':
        return [timestamps(v, shape.member) for v in value]
    return value


def main():
    with open(MODEL) as f:
        service = botocore.model.ServiceModel(json.load(f), 's3control')
    serializer = botocore.serialize.create_serializer('rest-xml')
    with open(os.path.join(HERE, 'cases.json')) as f:
        cases = json.load(f)
    golden = []
    for case in cases:
        op = service.operation_model(case['operation'])
        params = timestamps(case['params'], op.input_shape)
        request = serializer.serialize_to_request(params, op)
        golden.append({
            'name': case['name'],
            'method': request['method'],
            'path': request['url_path'],
            'query': percent_encode_sequence(request['query_string']) if request['query_string'] else '',
            'headers': request['headers'],
            'hostPrefix': request.get('host_prefix'),
            'body': request['body'].decode('utf-8') if isinstance(request['body'], bytes) else request['body'],
        })
    with open(os.path.join(HERE, 'golden.json'), 'w') as f:
        json.dump({'botocore': botocore.__version__, 'requests': golden}, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'{len(golden)} reference requests from botocore {botocore.__version__}')


if __name__ == '__main__':
    main()
