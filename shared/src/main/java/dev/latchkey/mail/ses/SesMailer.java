package dev.latchkey.mail.ses;

import dev.latchkey.mail.MailDeliveryException;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.mail.Mailer;

import java.util.Objects;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/** Sends mail through Amazon SES (the v1 {@code SendEmail} API) as a text and an HTML part. */
public final class SesMailer implements Mailer {
    private static final String CHARSET = "UTF-8";

    private final SesClient ses;
    private final String from;

    /**
     * @param ses  the SES client
     * @param from the sender address; SES refuses it unless the address or its domain is verified
     */
    public SesMailer(SesClient ses, String from) {
        this.ses = Objects.requireNonNull(ses, "ses");
        Objects.requireNonNull(from, "from");
        if (from.isBlank()) {
            throw new IllegalArgumentException("from must not be blank");
        }
        this.from = from;
    }

    @Override
    public void send(MailMessage message) {
        Objects.requireNonNull(message, "message");
        SendEmailRequest request = SendEmailRequest.builder()
                .source(from)
                .destination(destination -> destination.toAddresses(message.to()))
                .message(mail -> mail
                        .subject(utf8(message.subject()))
                        .body(body -> body.text(utf8(message.text())).html(utf8(message.html()))))
                .build();
        try {
            ses.sendEmail(request);
        } catch (AwsServiceException e) {
            // Only the code and status: the service's own message text is not ours to vouch for.
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new MailDeliveryException(
                    "SES refused mail to " + message.to() + ": " + (code == null ? "unknown error" : code)
                            + " (HTTP " + e.statusCode() + ")",
                    code, e);
        } catch (SdkException e) {
            throw new MailDeliveryException(
                    "SES could not be reached to send mail to " + message.to() + " ("
                            + e.getClass().getSimpleName() + ")",
                    null, e);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().charset(CHARSET).data(data).build();
    }
}
