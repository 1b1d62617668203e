import { shortText, z } from './fields';

/** An organizer corrects a member's department and section (the member id travels outside the schema). */
export const memberDetailsSchema = z.object({
  department: shortText('部署', 200),
  section: shortText('課・係', 200),
});
