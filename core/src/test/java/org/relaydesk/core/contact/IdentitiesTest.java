package org.relaydesk.core.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

/** One spelling per address, so one person is one contact; malformed addresses are refused with what a good one looks like. */
class IdentitiesTest {
    @Test
    void phoneNumbersBecomeE164AndUnknownNumbersAreRefused() {
        assertThat(Identities.normalize(IdentityKind.PHONE, "+44 20 7946 0958", "requester_phone")).isEqualTo("+442079460958");
        assertThat(Identities.normalize(IdentityKind.PHONE, "0049 (151) 1234-5678", "requester_phone")).isEqualTo("+4915112345678");
        assertThat(Identities.normalize(IdentityKind.PHONE, "+1 415 555 0100", "requester_phone")).isEqualTo("+14155550100");
        assertThatThrownBy(() -> Identities.normalize(IdentityKind.PHONE, "+1 555", "requester_phone"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKey("requester_phone"));
        assertThatThrownBy(() -> Identities.normalize(IdentityKind.PHONE, "020 7946 0958", "requester_phone"))
                .as("no country code").hasMessageContaining("international form");
        assertThatThrownBy(() -> Identities.normalize(IdentityKind.PHONE, "+1 415 CALL ME", "requester_phone")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void whatsAppIdsAreDigitsAndTheirTwinIsThePhoneNumber() {
        assertThat(Identities.normalize(IdentityKind.WHATSAPP, "+1 415 555 0100", "requester_whatsapp")).isEqualTo("14155550100");
        assertThatThrownBy(() -> Identities.normalize(IdentityKind.WHATSAPP, "ann@example.com", "requester_whatsapp"))
                .hasMessageContaining("WhatsApp id");
        assertThat(Identities.twin(IdentityKind.WHATSAPP, "14155550100")).containsExactly("PHONE", "+14155550100");
        assertThat(Identities.twin(IdentityKind.PHONE, "+14155550100")).containsExactly("WHATSAPP", "14155550100");
        assertThat(Identities.twin(IdentityKind.EMAIL, "a@b.test")).isNull();
    }

    @Test
    void emailAddressesAreLowerCaseAndChecked() {
        assertThat(Identities.normalize(IdentityKind.EMAIL, " Ann@Example.COM ", "requester_email")).isEqualTo("ann@example.com");
        assertThatThrownBy(() -> Identities.normalize(IdentityKind.EMAIL, "+14155550100", "requester_email")).hasMessageContaining("email");
    }

    @Test
    void aContactMetOnWhatsAppWithoutANameIsShownByItsNumber() {
        Contact contact = Contact.withIdentity(null, IdentityKind.WHATSAPP, "14155550100");
        assertThat(contact.name()).isEqualTo("+14155550100");
        assertThat(contact.primaryEmail()).isNull();
        assertThat(contact.primaryPhone()).isEqualTo("+14155550100");
    }
}
