package org.relaydesk.api.channel;

/**
 * What a channel's addresses are ({@link InboundMessage#fromAddress()}, {@link OutboundMessage#toAddress()}):
 * the kind of contact identity the host files them under and sends replies to. Since 1.3.
 */
public enum AddressKind {
    /** An email address. */
    EMAIL,
    /** A phone number in E.164 form ("+14155550100"). */
    PHONE,
    /** A WhatsApp id: the customer's number in digits, without "+" ("14155550100"). */
    WHATSAPP
}
