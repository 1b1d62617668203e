import { describe, expect, it } from 'vitest';
import { invitationScopes } from '~/domain/invitation-scopes';
import { invitationSchema, invitationScopeSchema } from './invitation';

describe('the invitation form and its schema', () => {
  it('read the same fields for each scope', () => {
    const read = Object.fromEntries(
      invitationScopeSchema.options.map((option) => [
        option.shape.scope.value,
        Object.keys(option.shape)
          .filter((key) => key !== 'scope')
          .sort(),
      ]),
    );
    expect(read).toEqual(Object.fromEntries(invitationScopes.codes.map((code) => [code, [...invitationScopes.fields[code]].sort()])));
  });

  it('says in Japanese that a scope must be chosen', () => {
    const result = invitationSchema.safeParse({ email: 'a@example.jp', fullName: '招待 一郎' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['scope', '立場を選んでください']]);
  });
});
