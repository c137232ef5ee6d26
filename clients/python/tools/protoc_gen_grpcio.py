"""A buf (protoc) plugin that generates Python code with the protoc bundled in grpcio-tools.

grpcio-tools ships its code generators (python, pyi, grpc_python) inside a Python extension, not as plugin
binaries, so buf cannot call them directly. This plugin reads buf's CodeGeneratorRequest, hands the request's
descriptors to that protoc (--descriptor_set_in) and answers with what it wrote.

Options (buf `opt:`):
  import_root=<package>  rewrites absolute imports of the generated modules (`from mindex.common.v1 import ...`)
                         to live under <package> (`from <package>.mindex.common.v1 import ...`), so the code can
                         sit inside a package instead of on sys.path's top level; __init__.py files are added.

Use it with `strategy: all` (one call sees every file, so each __init__.py is written once).
"""

import os
import re
import sys
import tempfile

from google.protobuf import descriptor_pb2
from google.protobuf.compiler import plugin_pb2
from grpc_tools import protoc


def parse_options(parameter):
    options = {}
    for item in filter(None, parameter.split(",")):
        key, _, value = item.partition("=")
        options[key.strip()] = value.strip()
    unknown = set(options) - {"import_root"}
    if unknown:
        raise ValueError(f"unknown option(s): {', '.join(sorted(unknown))}")
    return options


def rewrite_imports(source, top_packages, import_root):
    """Prefixes imports of the generated top-level packages with import_root."""
    names = "|".join(re.escape(name) for name in sorted(top_packages))
    source = re.sub(rf"^(\s*)from ((?:{names})(?:\.\w+)*) import ", rf"\1from {import_root}.\2 import ", source,
                    flags=re.MULTILINE)
    return re.sub(rf"^(\s*)import ((?:{names})\.[\w.]+)", rf"\1import {import_root}.\2", source, flags=re.MULTILINE)


def package_dirs(paths):
    """Every directory holding generated Python code, and each of their parents, as relative paths."""
    dirs = {""}
    for path in paths:
        parent = os.path.dirname(path)
        while parent:
            dirs.add(parent)
            parent = os.path.dirname(parent)
    return sorted(dirs)


def generate(request):
    response = plugin_pb2.CodeGeneratorResponse()
    response.supported_features = plugin_pb2.CodeGeneratorResponse.FEATURE_PROTO3_OPTIONAL
    try:
        options = parse_options(request.parameter)
    except ValueError as error:
        response.error = str(error)
        return response

    with tempfile.TemporaryDirectory(prefix="protoc-gen-grpcio-") as scratch:
        descriptor_set = os.path.join(scratch, "request.binpb")
        with open(descriptor_set, "wb") as handle:
            handle.write(descriptor_pb2.FileDescriptorSet(file=request.proto_file).SerializeToString())
        out = os.path.join(scratch, "out")
        os.mkdir(out)
        code = protoc.main([
            "grpc_tools.protoc",
            f"--descriptor_set_in={descriptor_set}",
            f"--python_out={out}",
            f"--pyi_out={out}",
            f"--grpc_python_out={out}",
            *request.file_to_generate,
        ])
        if code != 0:
            response.error = f"grpc_tools.protoc exited with {code}"
            return response

        written = {}
        for directory, _, files in os.walk(out):
            for name in files:
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as handle:
                    written[os.path.relpath(path, out).replace(os.sep, "/")] = handle.read()

    import_root = options.get("import_root")
    if import_root:
        top_packages = {name.split("/")[0] for name in request.file_to_generate if "/" in name}
        if top_packages:
            written = {path: rewrite_imports(source, top_packages, import_root) for path, source in written.items()}
        for directory in package_dirs(written):
            written.setdefault(f"{directory}/__init__.py" if directory else "__init__.py", "")

    for path in sorted(written):
        response.file.add(name=path, content=written[path])
    return response


def main():
    request = plugin_pb2.CodeGeneratorRequest.FromString(sys.stdin.buffer.read())
    sys.stdout.buffer.write(generate(request).SerializeToString())


if __name__ == "__main__":
    main()
