import { municipalityKinds } from '~/domain/codes';
import { requiredText, z } from './fields';

export const municipalitySchema = z.object({
  name: requiredText('自治体名', 100),
  prefecture: requiredText('都道府県', 10),
  kind: z.enum(municipalityKinds.codes, { error: '区分を選んでください' }),
});
