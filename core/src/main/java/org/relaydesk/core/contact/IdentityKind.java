package org.relaydesk.core.contact;

/** The channels by which a customer is recognised. */
public enum IdentityKind {
    EMAIL, WHATSAPP, WIDGET_VISITOR
}
