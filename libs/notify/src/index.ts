export * from './message-delivery';
export * from './redis-outbox';
export * from './channel-delivery';
export * from './smtp-email.sender';
export * from './twilio-sms.sender';
export * from './twilio-verify';
export * from './unsubscribe-token';
