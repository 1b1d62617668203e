// 事前課題の提出状況, shared by the server (the matrix, the CSV) and the pages that show it.

export type SubmissionStatus = 'submitted' | 'late' | 'missing';
export const submissionStatusLabel: Record<SubmissionStatus, string> = { submitted: '提出済', late: '期限後提出', missing: '未提出' };

export function statusOf(dueOn: string, submittedOn: string | null): SubmissionStatus {
  if (!submittedOn) return 'missing';
  return submittedOn <= dueOn ? 'submitted' : 'late';
}
