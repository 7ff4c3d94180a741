package org.relaydesk.core.widget;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The widget's words in each language it speaks. The visitor's browser language chooses (exactly,
 * then by its base language: de-AT reads German), unless the admin fixed one; English otherwise.
 */
public final class WidgetTexts {
    public static final List<String> LANGUAGES = List.of("en", "pt-BR", "es", "fr", "de");
    private static final List<String> KEYS = List.of("launcher", "title", "greeting", "close", "expand", "collapse", "search", "searching", "noResults",
            "results", "oneResult", "back", "openArticle", "talk", "contactTitle", "away", "name", "email", "message", "send", "sending", "sent",
            "tabHelp", "tabContact", "error", "tabChat", "chatWaiting", "chatJoined", "chatTyping", "chatEnded", "chatPlaceholder", "chatEnd",
            "chatReconnecting", "you", "chatNew", "tabTickets", "ticketsIntro", "ticketsCodeSent", "ticketsNone", "replyPlaceholder", "signOut",
            "codeSubject", "codeBody", "seen", "codeLabel", "showTickets", "answerFrom", "answerHelpful", "yes", "no", "answerThanks", "answerNo",
            "personNow");
    private static final Map<String, List<String>> TEXTS = new LinkedHashMap<>();

    static {
        TEXTS.put("en", List.of("Open help and contact", "How can we help?", "Hi! Search our help articles or send us a message.", "Close",
                "Expand", "Make smaller", "Type your question", "Searching…", "No article matches yet. Keep typing, or talk to a person.",
                "{n} articles found", "1 article found", "Back", "Open in the help centre", "Talk to a person", "Send us a message",
                "We are away right now. Leave a message and we will answer by email.", "Your name", "Your email", "Your message", "Send",
                "Sending…", "Thank you! Your request {number} is with our team. We will answer at {email}.", "Help",
                "Contact", "Something went wrong. Please try again.", "Chat", "Waiting for someone from our team to join…", "{name} joined the chat",
                "{name} is typing…", "The chat has ended. Thank you!", "Write a message", "End chat", "Reconnecting…", "You", "Start a new chat", "My tickets",
                "Enter your email address and we will send you a code to see your requests here.",
                "If we have requests for this address, we have emailed it a code. Type it here (it works once, for 15 minutes).", "No requests yet.",
                "Write a reply", "Sign out", "Your code for {site}: {code}",
                "Hello,\n\nType this code in the help window of {site} to see your requests there. It works once, for 15 minutes:\n\n{code}\n\nIf you did not ask for it, ignore this email.", "Seen", "Code from the email", "Show my requests", "Answer from our help centre", "Was this helpful?", "Yes", "No", "Thanks! Glad it helped.", "Sorry it did not help. A person from our team will sort it out.", "We are sorry about the trouble. Let a person from our team help you right away."));
        TEXTS.put("pt-BR", List.of("Abrir ajuda e contato", "Como podemos ajudar?", "Olá! Pesquise nossos artigos de ajuda ou envie uma mensagem.",
                "Fechar", "Expandir", "Diminuir", "Digite sua pergunta", "Pesquisando…",
                "Nenhum artigo encontrado ainda. Continue digitando ou fale com uma pessoa.", "{n} artigos encontrados", "1 artigo encontrado", "Voltar",
                "Abrir na central de ajuda", "Falar com uma pessoa", "Envie uma mensagem",
                "Estamos ausentes agora. Deixe uma mensagem e responderemos por e-mail.", "Seu nome", "Seu e-mail", "Sua mensagem", "Enviar",
                "Enviando…", "Obrigado! Sua solicitação {number} está com nossa equipe. Responderemos em {email}.", "Ajuda", "Contato", "Algo deu errado. Tente novamente.", "Chat", "Aguardando alguém da nossa equipe…", "{name} entrou no chat",
                "{name} está digitando…", "O chat terminou. Obrigado!", "Escreva uma mensagem", "Encerrar chat", "Reconectando…", "Você", "Iniciar novo chat", "Minhas solicitações",
                "Informe seu e-mail e enviaremos um código para ver suas solicitações aqui.",
                "Se tivermos solicitações para este endereço, enviamos um código por e-mail. Digite-o aqui (vale uma vez, por 15 minutos).",
                "Nenhuma solicitação ainda.", "Escreva uma resposta", "Sair", "Seu código para {site}: {code}",
                "Olá,\n\nDigite este código na janela de ajuda de {site} para ver suas solicitações. Vale uma vez, por 15 minutos:\n\n{code}\n\nSe você não pediu, ignore este e-mail.", "Visto", "Código do e-mail", "Ver minhas solicitações", "Resposta da nossa central de ajuda", "Isso ajudou?", "Sim", "Não", "Obrigado! Que bom que ajudou.", "Sentimos muito que não ajudou. Uma pessoa da nossa equipe vai resolver.", "Sentimos muito pelo transtorno. Deixe uma pessoa da nossa equipe ajudar você agora mesmo."));
        TEXTS.put("es", List.of("Abrir ayuda y contacto", "¿Cómo podemos ayudarte?", "¡Hola! Busca en nuestros artículos de ayuda o envíanos un mensaje.",
                "Cerrar", "Ampliar", "Reducir", "Escribe tu pregunta", "Buscando…",
                "Ningún artículo coincide todavía. Sigue escribiendo o habla con una persona.", "{n} artículos encontrados", "1 artículo encontrado", "Volver",
                "Abrir en el centro de ayuda", "Hablar con una persona", "Envíanos un mensaje",
                "Ahora no estamos. Deja un mensaje y te responderemos por correo.", "Tu nombre", "Tu correo", "Tu mensaje", "Enviar", "Enviando…",
                "¡Gracias! Tu solicitud {number} está con nuestro equipo. Te responderemos en {email}.", "Ayuda",
                "Contacto", "Algo salió mal. Inténtalo de nuevo.", "Chat", "Esperando a alguien de nuestro equipo…", "{name} se unió al chat",
                "{name} está escribiendo…", "El chat ha terminado. ¡Gracias!", "Escribe un mensaje", "Terminar chat", "Reconectando…", "Tú", "Nuevo chat", "Mis solicitudes",
                "Escribe tu correo y te enviaremos un código para ver tus solicitudes aquí.",
                "Si tenemos solicitudes para esta dirección, le enviamos un código. Escríbelo aquí (vale una vez, durante 15 minutos).",
                "Aún no hay solicitudes.", "Escribe una respuesta", "Cerrar sesión", "Tu código para {site}: {code}",
                "Hola:\n\nEscribe este código en la ventana de ayuda de {site} para ver tus solicitudes. Vale una vez, durante 15 minutos:\n\n{code}\n\nSi no lo pediste, ignora este correo.", "Visto", "Código del correo", "Ver mis solicitudes", "Respuesta de nuestro centro de ayuda", "¿Te ha ayudado?", "Sí", "No", "¡Gracias! Nos alegra que te haya ayudado.", "Sentimos que no haya ayudado. Una persona de nuestro equipo lo resolverá.", "Sentimos las molestias. Deja que una persona de nuestro equipo te ayude ahora mismo."));
        TEXTS.put("fr", List.of("Ouvrir l'aide et le contact", "Comment pouvons-nous vous aider ?",
                "Bonjour ! Cherchez dans nos articles d'aide ou envoyez-nous un message.", "Fermer", "Agrandir", "Réduire", "Tapez votre question",
                "Recherche…", "Aucun article ne correspond encore. Continuez à taper ou parlez à quelqu'un.", "{n} articles trouvés", "1 article trouvé", "Retour",
                "Ouvrir dans le centre d'aide", "Parler à quelqu'un", "Envoyez-nous un message",
                "Nous sommes absents pour le moment. Laissez un message, nous répondrons par e-mail.", "Votre nom", "Votre e-mail", "Votre message",
                "Envoyer", "Envoi…", "Merci ! Votre demande {number} est entre les mains de notre équipe. Nous répondrons à {email}.",
                "Aide", "Contact", "Une erreur s'est produite. Veuillez réessayer.", "Chat",
                "En attente d'un membre de notre équipe…", "{name} a rejoint le chat", "{name} écrit…", "Le chat est terminé. Merci !",
                "Écrivez un message", "Terminer le chat", "Reconnexion…", "Vous", "Nouveau chat", "Mes demandes",
                "Saisissez votre e-mail, nous vous enverrons un code pour voir vos demandes ici.",
                "Si nous avons des demandes pour cette adresse, nous lui avons envoyé un code. Saisissez-le ici (valable une fois, 15 minutes).",
                "Aucune demande pour l'instant.", "Écrire une réponse", "Se déconnecter", "Votre code pour {site} : {code}",
                "Bonjour,\n\nSaisissez ce code dans la fenêtre d'aide de {site} pour voir vos demandes. Valable une fois, 15 minutes :\n\n{code}\n\nSi vous ne l'avez pas demandé, ignorez cet e-mail.", "Vu", "Code reçu par e-mail", "Voir mes demandes", "Réponse de notre centre d'aide", "Cela vous a-t-il aidé ?", "Oui", "Non", "Merci ! Ravis que cela vous ait aidé.", "Désolés que cela n'ait pas aidé. Une personne de notre équipe va s'en occuper.", "Désolés pour ce problème. Une personne de notre équipe peut vous aider tout de suite."));
        TEXTS.put("de", List.of("Hilfe und Kontakt öffnen", "Wie können wir helfen?", "Hallo! Durchsuchen Sie unsere Hilfeartikel oder schreiben Sie uns.",
                "Schließen", "Vergrößern", "Verkleinern", "Ihre Frage", "Suche…",
                "Noch kein passender Artikel. Tippen Sie weiter oder sprechen Sie mit einem Menschen.", "{n} Artikel gefunden", "1 Artikel gefunden", "Zurück",
                "Im Hilfe-Center öffnen", "Mit einem Menschen sprechen", "Schreiben Sie uns",
                "Wir sind gerade nicht da. Hinterlassen Sie eine Nachricht, wir antworten per E-Mail.", "Ihr Name", "Ihre E-Mail", "Ihre Nachricht",
                "Senden", "Wird gesendet…", "Danke! Ihre Anfrage {number} liegt bei unserem Team. Wir antworten an {email}.",
                "Hilfe", "Kontakt", "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.", "Chat",
                "Warten auf jemanden aus unserem Team…", "{name} ist dem Chat beigetreten", "{name} schreibt…", "Der Chat ist beendet. Danke!",
                "Nachricht schreiben", "Chat beenden", "Verbindung wird wiederhergestellt…", "Sie", "Neuer Chat", "Meine Anfragen",
                "Geben Sie Ihre E-Mail-Adresse ein; wir senden Ihnen einen Code für Ihre Anfragen.",
                "Wenn wir Anfragen zu dieser Adresse haben, haben wir ihr einen Code geschickt. Geben Sie ihn hier ein (einmal, 15 Minuten lang).", "Noch keine Anfragen.",
                "Antwort schreiben", "Abmelden", "Ihr Code für {site}: {code}",
                "Hallo,\n\nGeben Sie diesen Code im Hilfefenster von {site} ein, um Ihre Anfragen zu sehen. Er gilt einmal, 15 Minuten lang:\n\n{code}\n\nWenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.", "Gesehen", "Code aus der E-Mail", "Meine Anfragen anzeigen", "Antwort aus unserem Hilfe-Center", "War das hilfreich?", "Ja", "Nein", "Danke! Schön, dass es geholfen hat.", "Schade, dass es nicht geholfen hat. Jemand aus unserem Team kümmert sich darum.", "Das tut uns leid. Lassen Sie sich sofort von jemandem aus unserem Team helfen."));
        TEXTS.values().forEach(texts -> {
            if (texts.size() != KEYS.size()) {
                throw new IllegalStateException("every language needs every text of the widget");
            }
        });
    }

    private WidgetTexts() {
    }

    /** The supported language a code names (case-insensitive, "pt_br" too), if any. */
    public static Optional<String> supported(String code) {
        String wanted = code == null ? "" : code.strip().replace('_', '-');
        return LANGUAGES.stream().filter(l -> l.equalsIgnoreCase(wanted)).findFirst();
    }

    /** The language for a visitor whose browser asks for {@code requested} (a BCP 47 tag, e.g. pt-BR, de-AT). */
    public static String choose(String requested) {
        Optional<String> exact = supported(requested);
        if (exact.isPresent()) {
            return exact.get();
        }
        String base = requested == null ? "" : requested.strip().replace('_', '-').split("-")[0].toLowerCase(Locale.ROOT);
        return LANGUAGES.stream().filter(l -> l.split("-")[0].equals(base)).findFirst().orElse("en");
    }

    /** Every text of the widget in {@code language}. */
    public static Map<String, String> of(String language) {
        List<String> values = TEXTS.getOrDefault(language, TEXTS.get("en"));
        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            texts.put(KEYS.get(i), values.get(i));
        }
        return texts;
    }
}
