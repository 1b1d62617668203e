/** The hidden input that names one filling-in of a create form (app/models/submissions.server.ts). */
export const onceInputName = '_once';
