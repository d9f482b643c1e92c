import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A document written through the API. It overrides the file document with the same slug; a row
 * with `deleted_at` set is a tombstone that hides a file document the API deleted.
 */
@Entity({ name: 'content_documents' })
export class ContentDocumentEntity {
  @PrimaryColumn({ type: 'varchar', length: 128, name: 'slug' })
  slug: string;

  @Column({ type: 'varchar', length: 300, name: 'title' })
  title: string;

  @Column({ type: 'text', name: 'body' })
  body: string;

  @Column({ type: 'text', array: true, name: 'tags', default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'boolean', name: 'published', default: true })
  published: boolean;

  @Column({ type: 'timestamptz', name: 'deleted_at', nullable: true })
  deletedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column({ type: 'uuid', name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
