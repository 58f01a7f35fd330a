/**
 * Rebuilds the gallery examples static/examples/molos-knowledge.json and molos-llm-council.json from named
 * operations, with fixed ids so the files are stable; it prints any MoLOS rule issue they have (there are none).
 * Run: `npx tsx scripts/build-gallery-examples.ts`.
 */
import { writeFileSync } from 'node:fs';
import { type Design, emptyDesign } from '../src/lib/core/design';
import { serializeDesign } from '../src/lib/core/format';
import { type OperationCall, applyOperation } from '../src/lib/core/operations';
import { checkDesign } from '../src/lib/core/rules';

const build = (d: Design, calls: OperationCall[]) => calls.reduce(applyOperation, d);
function table(tag: string, name: string, x: number, y: number, comment = ''): OperationCall {
  return {
    op: 'addTable',
    args: {
      id: `t_${tag}`,
      name,
      position: { x, y },
      comment,
      columnIds: {
        id: `c_${tag}_id`,
        userId: `c_${tag}_user_id`,
        createdAt: `c_${tag}_created_at`,
        updatedAt: `c_${tag}_updated_at`,
      },
    },
  };
}
const col = (tag: string, name: string, extra: Record<string, unknown> = {}): OperationCall => ({
  op: 'addColumn',
  args: { tableId: `t_${tag}`, id: `c_${tag}_${name}`, name, ...extra },
});
const fk = (from: string, to: string, name: string, extra: Record<string, unknown> = {}): OperationCall => ({
  op: 'connectTables',
  args: {
    fromTableId: `t_${from}`,
    toTableId: `t_${to}`,
    columnId: `c_${from}_${name}`,
    relationId: `r_${from}_${name}`,
    name,
    ...extra,
  },
});
const notNull = (tag: string, name: string): OperationCall => ({
  op: 'updateColumn',
  args: { columnId: `c_${tag}_${name}`, patch: { notNull: true } },
});
const idx = (tag: string, id: string, cols: string[], unique = false): OperationCall => ({
  op: 'addIndex',
  args: { tableId: `t_${tag}`, id: `i_${tag}_${id}`, columnIds: cols.map((c) => `c_${tag}_${c}`), unique },
});
const enumDef = (id: string, name: string, values: string[], comment = ''): OperationCall => ({
  op: 'addEnum',
  args: {
    id: `e_${id}`,
    name,
    comment,
    members: values.map((v) => ({ id: `m_${id}_${v}`, key: v.toUpperCase(), value: v })),
  },
});

const knowledge = build(
  emptyDesign({
    id: 'MoLOS-Knowledge',
    name: 'Knowledge base',
    description: 'Collections of documents with revisions, search chunks, tags and links between documents.',
    layout: 'legacy',
  }),
  [
    enumDef('document_status', 'DocumentStatus', ['draft', 'published', 'archived'], 'Where a document stands.'),
    table('collections', 'collections', 0, 0, 'A shelf of documents, e.g. "Recipes".'),
    col('collections', 'name', { notNull: true }),
    col('collections', 'slug', { notNull: true, unique: true }),
    col('collections', 'description'),
    col('collections', 'is_archived', {
      type: 'integer',
      mode: 'boolean',
      notNull: true,
      default: { kind: 'literal', value: false },
    }),
    table('documents', 'documents', 440, 0),
    col('documents', 'title', { notNull: true }),
    col('documents', 'body', { notNull: true, default: { kind: 'literal', value: '' }, comment: 'Markdown text.' }),
    col('documents', 'status', {
      enumId: 'e_document_status',
      notNull: true,
      default: { kind: 'literal', value: 'draft' },
    }),
    col('documents', 'source_url'),
    col('documents', 'word_count', { type: 'integer', notNull: true, default: { kind: 'literal', value: 0 } }),
    col('documents', 'is_pinned', {
      type: 'integer',
      mode: 'boolean',
      notNull: true,
      default: { kind: 'literal', value: false },
    }),
    fk('documents', 'collections', 'collection_id', { onDelete: 'cascade' }),
    notNull('documents', 'collection_id'),
    idx('documents', 'user_collection', ['user_id', 'collection_id']),
    idx('documents', 'user_status', ['user_id', 'status']),
    table('revisions', 'document_revisions', 900, 0, 'Earlier versions of a document body.'),
    col('revisions', 'revision', { type: 'integer', notNull: true }),
    col('revisions', 'title', { notNull: true }),
    col('revisions', 'body', { notNull: true }),
    fk('revisions', 'documents', 'document_id', { onDelete: 'cascade' }),
    notNull('revisions', 'document_id'),
    idx('revisions', 'document_revision', ['document_id', 'revision'], true),
    table('chunks', 'document_chunks', 900, 330, 'Pieces of a document body for search and AI answers.'),
    col('chunks', 'position', { type: 'integer', notNull: true }),
    col('chunks', 'content', { notNull: true }),
    col('chunks', 'token_count', { type: 'integer' }),
    col('chunks', 'embedding', { mode: 'json', comment: 'The embedding vector as a JSON array of numbers.' }),
    fk('chunks', 'documents', 'document_id', { onDelete: 'cascade' }),
    notNull('chunks', 'document_id'),
    idx('chunks', 'document_position', ['document_id', 'position'], true),
    table('tags', 'tags', 0, 330),
    col('tags', 'name', { notNull: true }),
    col('tags', 'color', { default: { kind: 'literal', value: '#888888' } }),
    table('document_tags', 'document_tags', 440, 420, 'Which tags a document carries.'),
    fk('document_tags', 'documents', 'document_id', { onDelete: 'cascade' }),
    fk('document_tags', 'tags', 'tag_id', { onDelete: 'cascade' }),
    notNull('document_tags', 'document_id'),
    notNull('document_tags', 'tag_id'),
    idx('document_tags', 'pair', ['document_id', 'tag_id'], true),
    table('links', 'document_links', 440, 700, 'A link from one document to another, e.g. [[Other page]].'),
    fk('links', 'documents', 'from_document_id', { onDelete: 'cascade' }),
    fk('links', 'documents', 'to_document_id', { onDelete: 'cascade' }),
    notNull('links', 'from_document_id'),
    notNull('links', 'to_document_id'),
    col('links', 'label'),
    idx('links', 'from', ['from_document_id']),
    idx('links', 'to', ['to_document_id']),
  ],
);

const council = build(
  emptyDesign({
    id: 'MoLOS-LLM-Council',
    name: 'LLM Council',
    description: "Ask several models one question: their answers, peer reviews and the chair's verdict.",
    layout: 'current',
  }),
  [
    enumDef('provider', 'Provider', ['openai', 'anthropic', 'google', 'ollama', 'other']),
    enumDef(
      'session_status',
      'SessionStatus',
      ['open', 'deliberating', 'decided', 'cancelled'],
      'Where a council session stands.',
    ),
    table('members', 'members', 0, 0, 'A model that sits on the council.'),
    col('members', 'name', { notNull: true }),
    col('members', 'provider', { enumId: 'e_provider', notNull: true, default: { kind: 'literal', value: 'openai' } }),
    col('members', 'model', { notNull: true, comment: "The provider's model name." }),
    col('members', 'system_prompt'),
    col('members', 'temperature', { type: 'real', notNull: true, default: { kind: 'literal', value: 0.7 } }),
    col('members', 'is_chair', {
      type: 'integer',
      mode: 'boolean',
      notNull: true,
      default: { kind: 'literal', value: false },
    }),
    col('members', 'is_active', {
      type: 'integer',
      mode: 'boolean',
      notNull: true,
      default: { kind: 'literal', value: true },
    }),
    table('sessions', 'sessions', 440, 0, 'One question put to the council.'),
    col('sessions', 'title', { notNull: true }),
    col('sessions', 'question', { notNull: true }),
    col('sessions', 'status', {
      enumId: 'e_session_status',
      notNull: true,
      default: { kind: 'literal', value: 'open' },
    }),
    col('sessions', 'rounds', { type: 'integer', notNull: true, default: { kind: 'literal', value: 1 } }),
    col('sessions', 'decided_at', { type: 'integer', comment: 'Unix seconds.' }),
    idx('sessions', 'user_status', ['user_id', 'status']),
    table('answers', 'answers', 440, 330, 'What a member answered in a round.'),
    col('answers', 'round', { type: 'integer', notNull: true, default: { kind: 'literal', value: 1 } }),
    col('answers', 'content', { notNull: true }),
    col('answers', 'tokens', { type: 'integer' }),
    col('answers', 'latency_ms', { type: 'integer' }),
    fk('answers', 'sessions', 'session_id', { onDelete: 'cascade' }),
    fk('answers', 'members', 'member_id', { onDelete: 'set null' }),
    notNull('answers', 'session_id'),
    idx('answers', 'session_round', ['session_id', 'round']),
    table('reviews', 'reviews', 900, 330, "A member's review of another member's answer."),
    col('reviews', 'score', { type: 'integer', notNull: true }),
    col('reviews', 'critique'),
    fk('reviews', 'answers', 'answer_id', { onDelete: 'cascade' }),
    fk('reviews', 'members', 'reviewer_id', { onDelete: 'set null' }),
    notNull('reviews', 'answer_id'),
    idx('reviews', 'answer_reviewer', ['answer_id', 'reviewer_id'], true),
    table('verdicts', 'verdicts', 900, 0, "The chair's summary; one per session."),
    col('verdicts', 'summary', { notNull: true }),
    col('verdicts', 'confidence', { type: 'real' }),
    col('verdicts', 'votes', {
      mode: 'json',
      notNull: true,
      default: { kind: 'json', json: '{}' },
      comment: 'Member id → the answer it voted for.',
    }),
    fk('verdicts', 'sessions', 'session_id', { onDelete: 'cascade' }),
    notNull('verdicts', 'session_id'),
    { op: 'updateColumn', args: { columnId: 'c_verdicts_session_id', patch: { unique: true } } },
    fk('verdicts', 'members', 'chair_id', { logical: true }),
  ],
);

for (const [file, d] of [
  ['molos-knowledge.json', knowledge],
  ['molos-llm-council.json', council],
] as const) {
  const issues = checkDesign(d);
  for (const i of issues) console.log(file, i.severity, i.code, JSON.stringify(i.target));
  writeFileSync(`static/examples/${file}`, serializeDesign(d));
}
console.log('done');
