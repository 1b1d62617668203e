import { newPassword, password, z } from './fields';

export const passwordChangeSchema = z
  .object({
    currentPassword: password('現在のパスワード'),
    newPassword: newPassword('新しいパスワード'),
    confirmPassword: password('新しいパスワード（確認）'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: '確認用のパスワードが一致しません',
  });

/** Setting a password from an invitation or a reset link. */
export const setPasswordSchema = z
  .object({
    newPassword: newPassword('パスワード'),
    confirmPassword: password('パスワード（確認）'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: '確認用のパスワードが一致しません',
  });
