//! Mail templates: the default wording of every event in English and French, `{{placeholder}}`
//! rendering, and the branded HTML part made from the same text. Pure functions, so the server
//! renders mails and the dashboard previews them with the same code.

use crate::api::notifications::{COMMON_PLACEHOLDERS, MailEvent, MailTemplate};
use std::collections::BTreeMap;

/// The shop's look, for the HTML part.
#[derive(Debug, Clone, PartialEq)]
pub struct MailBranding {
    pub shop_name: String,
    pub primary_colour: String,
    pub logo_url: Option<String>,
    /// For optional mails: where the reader turns them off (shown under the mail).
    pub unsubscribe_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RenderedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Placeholders the template uses that the event does not offer, in order of appearance.
pub fn unknown_placeholders(event: MailEvent, template: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    for name in placeholders_in(template) {
        let known = COMMON_PLACEHOLDERS.contains(&name) || event.placeholders().contains(&name);
        if !known && !unknown.iter().any(|u: &String| u == name) {
            unknown.push(name.to_owned());
        }
    }
    unknown
}

fn placeholders_in(template: &str) -> impl Iterator<Item = &str> {
    template.split("{{").skip(1).filter_map(|rest| {
        rest.split_once("}}")
            .map(|(name, _)| name.trim())
            .filter(|name| !name.is_empty())
    })
}

/// Fills `{{name}}` placeholders in plain text (canned replies, message bodies).
pub fn fill_placeholders(template: &str, vars: &BTreeMap<String, String>) -> String {
    fill(template, vars, str::to_owned)
}

/// Replaces every `{{name}}` with its value (`escape` applied to values only); a placeholder
/// without a value becomes empty rather than leaking braces to a customer.
fn fill(template: &str, vars: &BTreeMap<String, String>, escape: fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("}}") {
            Some(end) => {
                let name = rest[start + 2..start + 2 + end].trim();
                if let Some(value) = vars.get(name) {
                    out.push_str(&escape(value));
                }
                rest = &rest[start + 2 + end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders subject, plain text and branded HTML. In the HTML, a paragraph that is only a link
/// becomes a button in the shop's colour; other lines keep their breaks.
pub fn render(
    template: &MailTemplate,
    vars: &BTreeMap<String, String>,
    branding: &MailBranding,
) -> RenderedMail {
    let subject = fill(&template.subject, vars, |v| v.replace(['\r', '\n'], " "));
    let mut text = fill(&template.body, vars, str::to_owned);
    let body_html = fill(&template.body, vars, escape_html);
    let colour = escape_html(&branding.primary_colour);
    let mut paragraphs = String::new();
    for para in body_html
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if is_link(para) {
            paragraphs.push_str(&format!(
                "<p style=\"margin:24px 0\"><a href=\"{para}\" style=\"background:{colour};\
                 color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;\
                 display:inline-block;font-weight:600\">{}</a></p>",
                link_label(para)
            ));
        } else {
            paragraphs.push_str(&format!(
                "<p style=\"margin:0 0 16px\">{}</p>",
                para.replace('\n', "<br>")
            ));
        }
    }
    let shop = escape_html(&branding.shop_name);
    let mut footer = shop.clone();
    if let Some(url) = &branding.unsubscribe_url {
        text.push_str(&format!("\n\n--\nUnsubscribe / Se désabonner: {url}"));
        footer.push_str(&format!(
            " · <a href=\"{}\" style=\"color:#52525b\">Unsubscribe / Se désabonner</a>",
            escape_html(url)
        ));
    }
    let header = match &branding.logo_url {
        Some(logo) => format!(
            "<img src=\"{}\" alt=\"{shop}\" style=\"max-height:48px;max-width:200px\">",
            escape_html(logo)
        ),
        None => format!("<strong style=\"font-size:20px;color:{colour}\">{shop}</strong>"),
    };
    let html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"margin:0;background:#f4f4f5;font-family:-apple-system,Segoe UI,Roboto,\
         Helvetica,Arial,sans-serif;color:#18181b;line-height:1.5\">\
         <div style=\"max-width:560px;margin:0 auto;padding:24px\">\
         <div style=\"border-top:4px solid {colour};background:#ffffff;border-radius:8px;\
         padding:24px\"><div style=\"margin-bottom:24px\">{header}</div>{paragraphs}</div>\
         <p style=\"color:#52525b;font-size:12px;text-align:center\">{footer}</p></div></body></html>",
        title = escape_html(&subject),
    );
    RenderedMail {
        subject,
        text,
        html,
    }
}

fn is_link(para: &str) -> bool {
    (para.starts_with("https://") || para.starts_with("http://"))
        && !para.contains(char::is_whitespace)
}

fn link_label(url: &str) -> &'static str {
    if url.contains("label") {
        "Download the label"
    } else if url.contains("track") {
        "Track the parcel"
    } else {
        "Open"
    }
}

/// The wording a merchant starts from. `locale` is "fr" for French, anything else English.
pub fn default_template(event: MailEvent, locale: &str) -> MailTemplate {
    let (subject, body) = if locale == "fr" {
        default_fr(event)
    } else {
        default_en(event)
    };
    MailTemplate {
        subject: subject.to_owned(),
        body: body.to_owned(),
    }
}

fn default_en(event: MailEvent) -> (&'static str, &'static str) {
    match event {
        MailEvent::OrderConfirmed => (
            "Your {{shop_name}} order {{order_number}} is confirmed",
            "Hello {{customer_name}},\n\nThank you for your order {{order_number}}. We will let you know as soon as it ships.\n\n{{items}}\n\nFollow your order at any time:\n\n{{portal_url}}",
        ),
        MailEvent::OrderDispatched => (
            "Your order {{order_number}} is on its way",
            "Hello {{customer_name}},\n\nGood news: your order {{order_number}} has shipped with {{carrier}}. Tracking number: {{tracking_number}}.\n\n{{tracking_url}}",
        ),
        MailEvent::OrderDelivered => (
            "Your order {{order_number}} has been delivered",
            "Hello {{customer_name}},\n\nYour order {{order_number}} has been delivered. Something not right? You can report an issue or start a return from your order page:\n\n{{portal_url}}",
        ),
        MailEvent::FollowUpSurvey => (
            "How was your order {{order_number}}?",
            "Hello {{customer_name}},\n\nHow did we do? It takes ten seconds to rate your order {{order_number}}:\n\n{{survey_url}}\n\nThank you,\n{{shop_name}}",
        ),
        MailEvent::ReturnSubmitted => (
            "We received your return request {{return_number}}",
            "Hello {{customer_name}},\n\nWe received your return request {{return_number}} for order {{order_number}}:\n\n{{items}}\n\nWe will review it and write to you soon. Follow it here:\n\n{{portal_url}}",
        ),
        MailEvent::ReturnApproved => (
            "Your return {{return_number}} is approved",
            "Hello {{customer_name}},\n\nYour return {{return_number}} is approved. Print the label, stick it on the parcel and drop it off. No printer? Show the QR code at the drop-off point instead.\n\n{{label_url}}\n\nQR code: {{qr_url}}",
        ),
        MailEvent::ReturnApprovedLabelPending => (
            "Your return {{return_number}} is approved",
            "Hello {{customer_name}},\n\nYour return {{return_number}} is approved. We are preparing your return label and will email it to you; it will also appear on your order page. Please keep the items until then.\n\n{{portal_url}}",
        ),
        MailEvent::ReturnApprovedKeepItem => (
            "Your return {{return_number}} is approved: keep the items",
            "Hello {{customer_name}},\n\nYour return {{return_number}} for order {{order_number}} is approved, and there is nothing to send back: please keep the items, or give them to someone who can use them. We will let you know as soon as your refund, store credit or replacement is on its way.\n\n{{portal_url}}",
        ),
        MailEvent::ReturnRejected => (
            "About your return {{return_number}}",
            "Hello {{customer_name}},\n\nWe are sorry, we cannot accept your return {{return_number}} for order {{order_number}}.\n\nReason: {{reason}}\n\nReply to this email if you have any question.",
        ),
        MailEvent::ReturnNeedsContact => (
            "Defective item reported: return {{return_number}}",
            "A customer reported a defective item.\n\nCustomer: {{customer_name}}\nOrder: {{order_number}}\nReturn: {{return_number}}\n\n{{items}}\n\nPlease contact the customer. Photos are attached.",
        ),
        MailEvent::LabelIssued => (
            "Your return label for {{return_number}}",
            "Hello {{customer_name}},\n\nHere is the return label for {{return_number}}. Print it, stick it on the parcel and drop it off, or show the QR code at the drop-off point.\n\n{{label_url}}\n\nQR code: {{qr_url}}",
        ),
        MailEvent::ReturnReceived => (
            "We received your parcel for {{return_number}}",
            "Hello {{customer_name}},\n\nYour parcel for return {{return_number}} has arrived. We are checking the items and will let you know the outcome shortly.",
        ),
        MailEvent::RefundIssued => (
            "Your refund for {{return_number}}",
            "Hello {{customer_name}},\n\nWe refunded {{amount}} for your return {{return_number}}. Depending on your bank it may take a few days to appear.",
        ),
        MailEvent::StoreCreditIssued => (
            "Your store credit for {{return_number}}",
            "Hello {{customer_name}},\n\nYour return {{return_number}} gave you {{amount}} of store credit.\n\nYour code: {{credit_code}}\n\nUse it at checkout on {{shop_name}}.",
        ),
        MailEvent::ReplacementShipped => (
            "Your replacement for {{return_number}} is on its way",
            "Hello {{customer_name}},\n\nWe are sending a replacement for your return {{return_number}} with {{carrier}}.\n\nTracking number: {{tracking_number}}\n\nFollow it here:\n\n{{tracking_url}}",
        ),
        MailEvent::WithdrawalReceived => (
            "Acknowledgment of your withdrawal from order {{order_number}}",
            "Hello {{customer_name}},\n\nWe acknowledge receipt of your withdrawal from the contract for order {{order_number}}, received on {{received_at}}.\n\nItems concerned:\n{{items}}\n\nContact email: {{customer_email}}\n\nWe will refund you as the law provides. Keep this email: it is your record of the withdrawal.",
        ),
        MailEvent::NewMessage => (
            "New message about order {{order_number}}",
            "Hello {{customer_name}},\n\nYou have a new message from {{shop_name}}:\n\n{{message}}\n\nReply from your order page:\n\n{{thread_url}}",
        ),
        MailEvent::ShopperMessage => (
            "New message from {{customer_name}} about order {{order_number}}",
            "{{customer_name}} wrote about order {{order_number}}:\n\n{{message}}\n\nReply from the dashboard:\n\n{{thread_url}}",
        ),
        MailEvent::AddressChanged => (
            "Shipping address changed for order {{order_number}}",
            "{{customer_name}} changed the shipping address of order {{order_number}} before dispatch.\n\nBefore:\n{{old_address}}\n\nNow:\n{{new_address}}\n\nPlease ship to the new address.",
        ),
        MailEvent::OrderCancelled => (
            "Order {{order_number}} cancelled by the customer",
            "{{customer_name}} cancelled order {{order_number}} before dispatch.\n\nReason: {{reason}}\n\nPlease do not ship it, and refund the payment.",
        ),
        MailEvent::IssueReported => (
            "Issue reported on order {{order_number}}: {{issue_type}}",
            "{{customer_name}} reported an issue with order {{order_number}}.\n\nType: {{issue_type}}\n\n{{message}}",
        ),
        MailEvent::PasswordReset => (
            "Reset your {{shop_name}} dashboard password",
            "Hello {{staff_name}},\n\nSomeone asked to reset the password of your {{shop_name}} dashboard account. To choose a new one, open this link within an hour:\n\n{{reset_url}}\n\nIt works once. If you did not ask for it, ignore this mail: your password stays as it is.",
        ),
        MailEvent::WebhookEndpointDisabled => (
            "A webhook endpoint of {{shop_name}} was turned off",
            "Rebound stopped sending webhooks to this endpoint of {{shop_name}}:\n\n{{endpoint_url}}\n\nWhy: {{reason}}\n\nEvents that happen while it is off are not sent to it. Once the receiver works again, turn the endpoint back on and resend what it missed from its delivery log:\n\n{{developers_url}}",
        ),
        MailEvent::WeeklySummary => (
            "{{shop_name}}: your returns week, {{week}}",
            "Hello {{staff_name}},\n\nHere is {{shop_name}}'s week of returns, {{week}}, against the week before.\n\n{{figures}}\n\nEvery figure, for any period, on the Analytics page:\n\n{{analytics_url}}\n\nYou get this mail because you turned on the weekly summary. To stop it, untick \"Email me a weekly summary\" on the Analytics page.",
        ),
    }
}

fn default_fr(event: MailEvent) -> (&'static str, &'static str) {
    match event {
        MailEvent::OrderConfirmed => (
            "Votre commande {{order_number}} chez {{shop_name}} est confirmée",
            "Bonjour {{customer_name}},\n\nMerci pour votre commande {{order_number}}. Nous vous écrirons dès son expédition.\n\n{{items}}\n\nSuivez votre commande à tout moment :\n\n{{portal_url}}",
        ),
        MailEvent::OrderDispatched => (
            "Votre commande {{order_number}} est en route",
            "Bonjour {{customer_name}},\n\nBonne nouvelle : votre commande {{order_number}} a été expédiée avec {{carrier}}. Numéro de suivi : {{tracking_number}}.\n\n{{tracking_url}}",
        ),
        MailEvent::OrderDelivered => (
            "Votre commande {{order_number}} a été livrée",
            "Bonjour {{customer_name}},\n\nVotre commande {{order_number}} a été livrée. Un souci ? Signalez un problème ou faites un retour depuis la page de votre commande :\n\n{{portal_url}}",
        ),
        MailEvent::FollowUpSurvey => (
            "Comment s'est passée votre commande {{order_number}} ?",
            "Bonjour {{customer_name}},\n\nVotre avis compte : notez votre commande {{order_number}} en dix secondes.\n\n{{survey_url}}\n\nMerci,\n{{shop_name}}",
        ),
        MailEvent::ReturnSubmitted => (
            "Nous avons reçu votre demande de retour {{return_number}}",
            "Bonjour {{customer_name}},\n\nNous avons reçu votre demande de retour {{return_number}} pour la commande {{order_number}} :\n\n{{items}}\n\nNous l'examinons et revenons vers vous rapidement. Suivez-la ici :\n\n{{portal_url}}",
        ),
        MailEvent::ReturnApproved => (
            "Votre retour {{return_number}} est accepté",
            "Bonjour {{customer_name}},\n\nVotre retour {{return_number}} est accepté. Imprimez l'étiquette, collez-la sur le colis et déposez-le. Pas d'imprimante ? Présentez le code QR au point de dépôt.\n\n{{label_url}}\n\nCode QR : {{qr_url}}",
        ),
        MailEvent::ReturnApprovedLabelPending => (
            "Votre retour {{return_number}} est accepté",
            "Bonjour {{customer_name}},\n\nVotre retour {{return_number}} est accepté. Nous préparons votre étiquette de retour et vous l'enverrons par e-mail ; elle apparaîtra aussi sur la page de votre commande. Gardez les articles d'ici là.\n\n{{portal_url}}",
        ),
        MailEvent::ReturnApprovedKeepItem => (
            "Votre retour {{return_number}} est accepté : gardez les articles",
            "Bonjour {{customer_name}},\n\nVotre retour {{return_number}} pour la commande {{order_number}} est accepté, et vous n'avez rien à renvoyer : gardez les articles, ou donnez-les à quelqu'un qui en aura l'usage. Nous vous écrivons dès que votre remboursement, votre avoir ou votre article de remplacement est en route.\n\n{{portal_url}}",
        ),
        MailEvent::ReturnRejected => (
            "À propos de votre retour {{return_number}}",
            "Bonjour {{customer_name}},\n\nNous sommes désolés, nous ne pouvons pas accepter votre retour {{return_number}} pour la commande {{order_number}}.\n\nMotif : {{reason}}\n\nRépondez à ce message pour toute question.",
        ),
        MailEvent::ReturnNeedsContact => (
            "Article défectueux signalé : retour {{return_number}}",
            "Un client a signalé un article défectueux.\n\nClient : {{customer_name}}\nCommande : {{order_number}}\nRetour : {{return_number}}\n\n{{items}}\n\nMerci de contacter le client. Les photos sont jointes.",
        ),
        MailEvent::LabelIssued => (
            "Votre étiquette de retour pour {{return_number}}",
            "Bonjour {{customer_name}},\n\nVoici l'étiquette de retour pour {{return_number}}. Imprimez-la, collez-la sur le colis et déposez-le, ou présentez le code QR au point de dépôt.\n\n{{label_url}}\n\nCode QR : {{qr_url}}",
        ),
        MailEvent::ReturnReceived => (
            "Nous avons reçu votre colis pour {{return_number}}",
            "Bonjour {{customer_name}},\n\nVotre colis pour le retour {{return_number}} est arrivé. Nous vérifions les articles et vous informons très vite du résultat.",
        ),
        MailEvent::RefundIssued => (
            "Votre remboursement pour {{return_number}}",
            "Bonjour {{customer_name}},\n\nNous avons remboursé {{amount}} pour votre retour {{return_number}}. Selon votre banque, il peut falloir quelques jours pour le voir apparaître.",
        ),
        MailEvent::StoreCreditIssued => (
            "Votre avoir pour {{return_number}}",
            "Bonjour {{customer_name}},\n\nVotre retour {{return_number}} vous donne un avoir de {{amount}}.\n\nVotre code : {{credit_code}}\n\nUtilisez-le lors de votre prochain achat sur {{shop_name}}.",
        ),
        MailEvent::ReplacementShipped => (
            "Votre article de remplacement pour {{return_number}} est en route",
            "Bonjour {{customer_name}},\n\nNous vous envoyons un article de remplacement pour votre retour {{return_number}} avec {{carrier}}.\n\nNuméro de suivi : {{tracking_number}}\n\nSuivez-le ici :\n\n{{tracking_url}}",
        ),
        MailEvent::WithdrawalReceived => (
            "Accusé de réception de votre rétractation pour la commande {{order_number}}",
            "Bonjour {{customer_name}},\n\nNous accusons réception de votre rétractation du contrat pour la commande {{order_number}}, reçue le {{received_at}}.\n\nArticles concernés :\n{{items}}\n\nAdresse e-mail de contact : {{customer_email}}\n\nNous vous rembourserons dans les conditions prévues par la loi. Conservez ce message : il atteste de votre rétractation.",
        ),
        MailEvent::NewMessage => (
            "Nouveau message au sujet de la commande {{order_number}}",
            "Bonjour {{customer_name}},\n\nVous avez un nouveau message de {{shop_name}} :\n\n{{message}}\n\nRépondez depuis la page de votre commande :\n\n{{thread_url}}",
        ),
        MailEvent::ShopperMessage => (
            "Nouveau message de {{customer_name}} au sujet de la commande {{order_number}}",
            "{{customer_name}} a écrit au sujet de la commande {{order_number}} :\n\n{{message}}\n\nRépondez depuis le tableau de bord :\n\n{{thread_url}}",
        ),
        MailEvent::AddressChanged => (
            "Adresse de livraison modifiée pour la commande {{order_number}}",
            "{{customer_name}} a modifié l'adresse de livraison de la commande {{order_number}} avant l'expédition.\n\nAvant :\n{{old_address}}\n\nMaintenant :\n{{new_address}}\n\nMerci d'expédier à la nouvelle adresse.",
        ),
        MailEvent::OrderCancelled => (
            "Commande {{order_number}} annulée par le client",
            "{{customer_name}} a annulé la commande {{order_number}} avant l'expédition.\n\nMotif : {{reason}}\n\nMerci de ne pas l'expédier et de rembourser le paiement.",
        ),
        MailEvent::IssueReported => (
            "Problème signalé sur la commande {{order_number}} : {{issue_type}}",
            "{{customer_name}} a signalé un problème avec la commande {{order_number}}.\n\nType : {{issue_type}}\n\n{{message}}",
        ),
        MailEvent::PasswordReset => (
            "Réinitialisez votre mot de passe du tableau de bord {{shop_name}}",
            "Bonjour {{staff_name}},\n\nQuelqu'un a demandé à réinitialiser le mot de passe de votre compte du tableau de bord {{shop_name}}. Pour en choisir un nouveau, ouvrez ce lien dans l'heure :\n\n{{reset_url}}\n\nIl ne fonctionne qu'une fois. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.",
        ),
        MailEvent::WebhookEndpointDisabled => (
            "Un point de réception de webhooks de {{shop_name}} a été désactivé",
            "Rebound a cessé d'envoyer des webhooks à ce point de réception de {{shop_name}} :\n\n{{endpoint_url}}\n\nPourquoi : {{reason}}\n\nLes événements survenus pendant la désactivation ne lui sont pas envoyés. Quand le récepteur fonctionne à nouveau, réactivez le point de réception et renvoyez ce qu'il a manqué depuis son journal de livraisons :\n\n{{developers_url}}",
        ),
        MailEvent::WeeklySummary => (
            "{{shop_name}} : votre semaine de retours, {{week}}",
            "Bonjour {{staff_name}},\n\nVoici la semaine de retours de {{shop_name}}, {{week}}, face à la semaine précédente.\n\n{{figures}}\n\nChaque chiffre, pour n'importe quelle période, sur la page Statistiques :\n\n{{analytics_url}}\n\nVous recevez cet e-mail parce que vous avez activé le résumé hebdomadaire. Pour l'arrêter, décochez « M'envoyer un résumé chaque semaine » sur la page Statistiques.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn branding() -> MailBranding {
        MailBranding {
            shop_name: "Maple & Co".into(),
            primary_colour: "#B4441C".into(),
            logo_url: None,
            unsubscribe_url: None,
        }
    }

    fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn every_default_uses_only_its_placeholders_in_both_languages() {
        for event in MailEvent::ALL {
            for locale in ["en", "fr"] {
                let t = default_template(event, locale);
                let all = format!("{} {}", t.subject, t.body);
                assert!(
                    unknown_placeholders(event, &all).is_empty(),
                    "{event:?} {locale}: {:?}",
                    unknown_placeholders(event, &all)
                );
            }
        }
    }

    #[test]
    fn english_and_french_render_with_values() {
        let v = vars(&[
            ("customer_name", "Élodie"),
            ("order_number", "1042"),
            ("carrier", "Canada Post"),
            ("tracking_number", "7023"),
            ("tracking_url", "https://example.test/track/7023"),
        ]);
        let en = render(
            &default_template(MailEvent::OrderDispatched, "en"),
            &v,
            &branding(),
        );
        assert_eq!(en.subject, "Your order 1042 is on its way");
        assert!(en.text.contains("Hello Élodie"));
        assert!(en.text.contains("with Canada Post"));
        let fr = render(
            &default_template(MailEvent::OrderDispatched, "fr"),
            &v,
            &branding(),
        );
        assert_eq!(fr.subject, "Votre commande 1042 est en route");
        assert!(fr.text.contains("Bonjour Élodie"));
        // The lone link became a button in the shop's colour.
        assert!(fr.html.contains("href=\"https://example.test/track/7023\""));
        assert!(fr.html.contains("background:#B4441C"));
        assert!(fr.html.contains("Maple &amp; Co"));
    }

    #[test]
    fn refund_amounts_keep_their_currency_decimals_in_both_languages() {
        use crate::domain::{Currency, Lang, Money};
        let cases = [
            ("KWD", 1500, "en", "We refunded KWD\u{a0}1.500 for"),
            (
                "KWD",
                1500,
                "fr",
                "Nous avons remboursé 1,500\u{a0}KWD pour",
            ),
            ("JPY", 500, "en", "We refunded ¥500 for"),
            ("JPY", 500, "fr", "Nous avons remboursé 500\u{a0}¥ pour"),
            ("CAD", 4905, "en", "We refunded CA$49.05 for"),
            ("EUR", 4905, "fr", "Nous avons remboursé 49,05\u{a0}€ pour"),
        ];
        for (code, minor, locale, expected) in cases {
            let currency = Currency::parse(code).unwrap();
            let amount = Money::new(minor, currency).format(Lang::from_tag(locale));
            let v = vars(&[("return_number", "R-1"), ("amount", &amount)]);
            let mail = render(
                &default_template(MailEvent::RefundIssued, locale),
                &v,
                &branding(),
            );
            assert!(
                mail.text.contains(expected),
                "{code} {locale}: {}",
                mail.text
            );
        }
    }

    #[test]
    fn values_are_escaped_in_html_but_not_in_text() {
        let t = MailTemplate {
            subject: "Hi {{customer_name}}".into(),
            body: "Message: {{message}}".into(),
        };
        let r = render(
            &t,
            &vars(&[("message", "<script>x</script> & co")]),
            &branding(),
        );
        assert!(r.text.contains("<script>x</script> & co"));
        assert!(r.html.contains("&lt;script&gt;x&lt;/script&gt; &amp; co"));
        assert!(!r.html.contains("<script>"));
        // Missing values render empty, never as braces.
        assert_eq!(r.subject, "Hi ");
    }

    #[test]
    fn subject_values_cannot_inject_headers() {
        let t = MailTemplate {
            subject: "Order {{order_number}}".into(),
            body: "x".into(),
        };
        let r = render(
            &t,
            &vars(&[("order_number", "1\r\nBcc: a@b.c")]),
            &branding(),
        );
        assert!(!r.subject.contains('\n') && !r.subject.contains('\r'));
    }

    #[test]
    fn unknown_placeholders_are_named_once() {
        let found = unknown_placeholders(
            MailEvent::RefundIssued,
            "{{amount}} {{credit_code}} {{ shop_name }} {{credit_code}} {{oops",
        );
        assert_eq!(found, vec!["credit_code".to_owned()]);
    }
}
