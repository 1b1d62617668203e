import { email, password, z } from './fields';

export const loginSchema = z.object({
  email: email(),
  password: password(),
  redirectTo: z.string().optional(),
});
