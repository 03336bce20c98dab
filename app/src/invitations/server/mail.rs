//! The emails of invitations, in the recipient's language, as plain text and HTML.

use crate::domain::localized_date;
use db::invitations::{InvitationMail, NoticeMail};
use db::outbox::Mail;

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
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

/// Paragraphs as HTML, each line break kept.
fn html_paragraphs(paragraphs: &[String]) -> String {
    paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn document(lang: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
}

/// The link of an invitation, on this site.
pub fn invitation_link(public_url: &str, token: &str) -> String {
    format!("{}/invitation/{token}", public_url.trim_end_matches('/'))
}

/// The invitation email, in the invitee's language.
pub fn invitation(m: &InvitationMail, public_url: &str) -> Mail {
    let link = invitation_link(public_url, m.token);
    let until = localized_date(m.expires_at);
    let c = m.contact;
    let org = &m.organization.name;
    let french = c.language != "en";
    let (subject, greeting, invite, extra, follow, valid, ignore) = if french {
        (
            format!("Invitation au LaMPSS — {org}"),
            format!("Bonjour {} {},", c.first_name, c.last_name),
            format!(
                "{} vous invite à lier votre compte Mon dossier N.-É. au LaMPSS pour agir au nom de l'organisme {org}.",
                m.sender
            ),
            format!("Message de {} :", m.sender),
            "Pour accepter l'invitation, ouvrez ce lien :".to_string(),
            format!(
                "L'invitation est valide jusqu'au {}. Le lien ne peut servir qu'une fois.",
                until.fr
            ),
            "Si vous ne vous attendiez pas à cette invitation, vous pouvez ignorer ce courriel."
                .to_string(),
        )
    } else {
        (
            format!("Invitation to LaMPSS — {org}"),
            format!("Hello {} {},", c.first_name, c.last_name),
            format!(
                "{} invites you to link your My NS Account to LaMPSS to act for the organization {org}.",
                m.sender
            ),
            format!("Message from {}:", m.sender),
            "To accept the invitation, open this link:".to_string(),
            format!(
                "The invitation is valid until {}. The link can be used only once.",
                until.en
            ),
            "If you were not expecting this invitation, you can ignore this email.".to_string(),
        )
    };
    let mut before = vec![greeting, invite];
    if !m.message.is_empty() {
        before.push(format!("{extra}\n{}", m.message));
    }
    let after = vec![valid, ignore, "LaMPSS".to_string()];
    let text = format!(
        "{}\n\n{follow}\n{link}\n\n{}\n",
        before.join("\n\n"),
        after.join("\n\n")
    );
    let html = document(
        if french { "fr" } else { "en" },
        &subject,
        &format!(
            "{}\n<p>{}<br><a href=\"{link}\">{link}</a></p>\n{}",
            html_paragraphs(&before),
            escape(&follow),
            html_paragraphs(&after),
            link = escape(&link),
        ),
    );
    Mail {
        to: c.email.clone(),
        subject,
        text,
        html,
    }
}

fn notice(n: &NoticeMail, subject: String, paragraphs: Vec<String>) -> Mail {
    let french = n.language != "en";
    let text = format!("{}\n", paragraphs.join("\n\n"));
    let html = document(
        if french { "fr" } else { "en" },
        &subject,
        &html_paragraphs(&paragraphs),
    );
    Mail {
        to: n.to.to_string(),
        subject,
        text,
        html,
    }
}

/// The notice to the inviting administrator that the invitation was accepted.
pub fn accepted(n: &NoticeMail) -> Mail {
    let c = n.contact;
    let on = localized_date(n.at);
    let org = &n.organization.name;
    if n.language == "en" {
        notice(
            n,
            format!("Invitation accepted: {}, {}", c.last_name, c.first_name),
            vec![
                format!(
                    "{} {} accepted your invitation to LaMPSS for {org} on {}.",
                    c.first_name, c.last_name, on.en
                ),
                "Their account now has access to LaMPSS with the security profiles of the invitation.".into(),
                "LaMPSS".into(),
            ],
        )
    } else {
        notice(
            n,
            format!("Invitation acceptée : {}, {}", c.last_name, c.first_name),
            vec![
                format!(
                    "{} {} a accepté votre invitation au LaMPSS pour {org} le {}.",
                    c.first_name, c.last_name, on.fr
                ),
                "Son compte a maintenant accès au LaMPSS avec les profils de sécurité de l'invitation.".into(),
                "LaMPSS".into(),
            ],
        )
    }
}

/// The notice to the inviting administrator that the invitation expired unaccepted.
pub fn expired(n: &NoticeMail) -> Mail {
    let c = n.contact;
    let on = localized_date(n.at);
    let org = &n.organization.name;
    if n.language == "en" {
        notice(
            n,
            format!("Invitation expired: {}, {}", c.last_name, c.first_name),
            vec![
                format!(
                    "The invitation to LaMPSS you sent to {} {} ({}) for {org} expired on {} without being accepted.",
                    c.first_name, c.last_name, c.email, on.en
                ),
                "You can send it again from the contact list (“Invitation to LaMPSS”).".into(),
                "LaMPSS".into(),
            ],
        )
    } else {
        notice(
            n,
            format!("Invitation expirée : {}, {}", c.last_name, c.first_name),
            vec![
                format!(
                    "L'invitation au LaMPSS que vous avez envoyée à {} {} ({}) pour {org} a expiré le {} sans avoir été acceptée.",
                    c.first_name, c.last_name, c.email, on.fr
                ),
                "Vous pouvez l'envoyer de nouveau depuis la liste des personnes-ressources (« Invitation pour le LaMPSS »).".into(),
                "LaMPSS".into(),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use db::entity::{contact, organization};

    fn contact(language: &str) -> contact::Model {
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
        contact::Model {
            id: 7,
            organization_id: 1,
            last_name: "Doiron".into(),
            first_name: "Nadine".into(),
            last_name_key: String::new(),
            first_name_key: String::new(),
            email: "nadine.doiron@example.org".into(),
            email_key: String::new(),
            title: String::new(),
            phone: String::new(),
            phone_ext: String::new(),
            cell_phone: String::new(),
            language: language.into(),
            active: true,
            is_primary: false,
            office_location: String::new(),
            fte_hundredths: None,
            start_date: None,
            end_date: None,
            position_type: String::new(),
            account_id: None,
            version: 1,
            created_at: at,
            updated_at: at,
        }
    }

    fn organization() -> organization::Model {
        organization::Model {
            id: 1,
            name: "Services d'emploi de la Vallée".into(),
            org_type: String::new(),
            address: String::new(),
            phone: String::new(),
            inactive: false,
            provides_case_management: true,
        }
    }

    #[test]
    fn invitation_is_in_the_invitees_language_with_link_date_and_escaped_message() {
        let org = organization();
        let expires = chrono::Utc.with_ymd_and_hms(2023, 9, 1, 15, 0, 0).unwrap();
        for (language, subject, date) in [
            (
                "fr",
                "Invitation au LaMPSS — Services d'emploi de la Vallée",
                "01 sept. 2023",
            ),
            (
                "en",
                "Invitation to LaMPSS — Services d'emploi de la Vallée",
                "Sep 1, 2023",
            ),
        ] {
            let c = contact(language);
            let mail = invitation(
                &InvitationMail {
                    contact: &c,
                    organization: &org,
                    token: "abc_DEF-123",
                    expires_at: expires,
                    message: "Bienvenue <b>!</b>",
                    sender: "admin@example.org",
                },
                "http://127.0.0.1:3000/",
            );
            assert_eq!(mail.to, "nadine.doiron@example.org");
            assert_eq!(mail.subject, subject);
            assert!(
                mail.text
                    .contains("http://127.0.0.1:3000/invitation/abc_DEF-123\n")
            );
            assert!(mail.text.contains(date), "{}", mail.text);
            assert!(mail.text.contains("Bienvenue <b>!</b>"));
            assert!(mail.html.contains("Bienvenue &lt;b&gt;!&lt;/b&gt;"));
            assert!(
                mail.html
                    .contains("<a href=\"http://127.0.0.1:3000/invitation/abc_DEF-123\">")
            );
            assert!(mail.html.contains(&format!("<html lang=\"{language}\">")));
        }
    }
}
