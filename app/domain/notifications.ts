// What a notification is about; the kind is stored, the label is what people read.
export const notificationKinds = {
  sheet_comment: 'シートへのコメント',
  mentor_advice: 'マネ友からのアドバイス',
  mentor_offer: 'メンターの申し出',
  facilitator_offer: '世話人の申し出',
  handover: '引き継ぎ',
} as const;
export type NotificationKind = keyof typeof notificationKinds;
