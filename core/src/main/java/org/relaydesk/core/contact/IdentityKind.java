package org.relaydesk.core.contact;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.relaydesk.api.channel.AddressKind;

/** The channels by which a customer is recognised. */
public enum IdentityKind {
    EMAIL, WHATSAPP, WIDGET_VISITOR,
    /** A phone number in E.164 form ("+14155550100"). */
    PHONE;

    /** The identity kind a channel's addresses are filed under. */
    public static IdentityKind of(AddressKind address) {
        return switch (address) {
            case EMAIL -> EMAIL;
            case PHONE -> PHONE;
            case WHATSAPP -> WHATSAPP;
        };
    }

    /** The address kind a channel of this identity kind sends to, if any (a widget visitor has no channel address). */
    public Optional<AddressKind> addressKind() {
        return switch (this) {
            case EMAIL -> Optional.of(AddressKind.EMAIL);
            case PHONE -> Optional.of(AddressKind.PHONE);
            case WHATSAPP -> Optional.of(AddressKind.WHATSAPP);
            case WIDGET_VISITOR -> Optional.empty();
        };
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IdentityKind> fromApiName(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(value.trim())).findFirst();
    }
}
