export type { BlobStore } from './types';
export { createFsBlobStore } from './fsBlobStore';
export { createS3BlobStore, type S3BlobStoreOptions } from './s3BlobStore';
