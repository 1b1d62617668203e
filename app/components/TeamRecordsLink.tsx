// 「チームの記録一式」: one zip of the team's year (docs/decisions/0026), offered beside the team's CSV downloads to
// those who may read its progress (the server refuses anyone else).
export function TeamRecordsLink({ teamId }: { teamId: number }) {
  return (
    <a href={`/teams/${teamId}/records.zip`} download title="CSV・変革ストーリーシートの全版（Word）・共同論文の草稿をまとめたZIPファイル">
      チームの記録一式（ZIP）
    </a>
  );
}
