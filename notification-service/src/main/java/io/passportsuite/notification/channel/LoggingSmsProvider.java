package io.passportsuite.notification.channel;

/** No SMS provider configured: test mode, the message only goes to the log. */
class LoggingSmsProvider implements SmsProvider {

    static final String NAME = "log";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(String phoneNumber, String text) {
        TestModeLog.record(new OutboundMessage(phoneNumber, null, null, null, text));
    }
}
