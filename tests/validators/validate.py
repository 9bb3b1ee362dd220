"""Independent checks of the OpenAPI documents this repository authors.

Reads a JSON job from the file named on the command line:
{"specs": [PATH, ...], "examples": [{"spec": PATH, "pointer": "#/...", "name": TEXT, "instance": VALUE}, ...]}
Each spec is checked with openapi-spec-validator; each example is checked
against the schema at its pointer in its spec with openapi-schema-validator's
OpenAPI 3.0 validator. Prints one line per problem and exits 1 if there is any.
"""

import json
import sys

from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
from referencing import Registry
from referencing.jsonschema import DRAFT4


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as job_file:
        job = json.load(job_file)
    documents = {}
    problems = []
    for path in job["specs"]:
        with open(path, encoding="utf-8") as spec_file:
            documents[path] = json.load(spec_file)
        try:
            validate(documents[path])
        except Exception as error:  # the validator's own exception types vary by version
            problems.append(f"{path}: not a valid OpenAPI document: {error}")
    for example in job["examples"]:
        document = documents[example["spec"]]
        registry = Registry().with_resource("urn:spec", DRAFT4.create_resource(document))
        validator = OAS30Validator({"$ref": "urn:spec" + example["pointer"]}, registry=registry)
        for error in validator.iter_errors(example["instance"]):
            where = "/".join(str(part) for part in error.absolute_path)
            problems.append(f"{example['name']} at `{where}`: {error.message} (schema {example['pointer']})")
    for problem in problems:
        print(problem)
    print(f"checked {len(job['specs'])} documents and {len(job['examples'])} examples: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
