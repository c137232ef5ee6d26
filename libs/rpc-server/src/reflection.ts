import type { DescFile, DescService } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { toBinary } from '@bufbuild/protobuf';
import { ReflectionService } from '@grpc/reflection';

type PackageDefinition = ConstructorParameters<typeof ReflectionService>[0];

/**
 * Server reflection (v1 and v1alpha) describing `services` with the descriptors protobuf-es generated, each file
 * with its transitive imports. @grpc/reflection only reads `fileDescriptorProtos` from the package definition,
 * so no proto-loader is involved.
 */
export function createReflectionService(services: readonly DescService[]): ReflectionService {
  const files = new Map<string, DescFile>();
  const visit = (file: DescFile): void => {
    if (files.has(file.name)) return;
    files.set(file.name, file);
    file.dependencies.forEach(visit);
  };
  services.forEach((service) => visit(service.file));
  const fileDescriptorProtos = [...files.values()].map((file) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, file.proto)),
  );
  const definition = {
    'mindex.reflection.files': { format: 'Protocol Buffer 3 FileDescriptorProto', fileDescriptorProtos },
  } as unknown as PackageDefinition;
  return new ReflectionService(definition, { services: services.map((service) => service.typeName) });
}
