package org.relaydesk.web.panel.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.relaydesk.core.csat.CsatSurveys;
import org.relaydesk.core.csat.SurveySettings;
import org.relaydesk.core.csat.SurveyWording;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.web.panel.PanelActions;

/** /admin/csat: whether and when satisfaction surveys go out, through which channels, their wording, with a preview. */
@Named
@ViewScoped
public class AdminCsatView implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    CsatSurveys surveys;

    private boolean enabled;
    private Integer delayMinutes;
    private Integer expiryDays;
    private boolean sendEmail;
    private boolean sendWhatsApp;
    private String subject;
    private String body;
    private String question;
    private SurveyWording preview;

    @PostConstruct
    void load() {
        SurveySettings s = surveys.settings();
        enabled = s.enabled();
        delayMinutes = s.delayMinutes();
        expiryDays = s.expiryDays();
        sendEmail = s.sendEmail();
        sendWhatsApp = s.sendWhatsApp();
        subject = s.subject();
        body = s.body();
        question = s.question();
    }

    /** The settings as typed, or null with the reasons shown (nothing saved). */
    private SurveySettings typed() {
        try {
            return new SurveySettings(enabled, delayMinutes == null ? -1 : delayMinutes, expiryDays == null ? 0 : expiryDays, sendEmail, sendWhatsApp,
                    subject, body, question);
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach((field, reason) -> PanelActions.error(field.replace('_', ' ') + ": " + reason));
            return null;
        }
    }

    public void save() {
        SurveySettings s = typed();
        if (s != null && PanelActions.attempt(() -> surveys.save(s), "Survey settings saved")) {
            preview = surveys.preview(s);
        }
    }

    public void showPreview() {
        SurveySettings s = typed();
        if (s != null) {
            preview = surveys.preview(s);
        }
    }

    public SurveyWording getPreview() {
        return preview;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getDelayMinutes() {
        return delayMinutes;
    }

    public void setDelayMinutes(Integer delayMinutes) {
        this.delayMinutes = delayMinutes;
    }

    public Integer getExpiryDays() {
        return expiryDays;
    }

    public void setExpiryDays(Integer expiryDays) {
        this.expiryDays = expiryDays;
    }

    public boolean isSendEmail() {
        return sendEmail;
    }

    public void setSendEmail(boolean sendEmail) {
        this.sendEmail = sendEmail;
    }

    public boolean isSendWhatsApp() {
        return sendWhatsApp;
    }

    public void setSendWhatsApp(boolean sendWhatsApp) {
        this.sendWhatsApp = sendWhatsApp;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getQuestion() {
        return question;
    }

    public void setQuestion(String question) {
        this.question = question;
    }
}
