//! The emails of invitations, in the recipient's language, as plain text and HTML; their
//! texts are in `locales/*/mail.json`.

use crate::domain::localized_date;
use crate::i18n::{Locale, td_string};
use db::invitations::{InvitationMail, NoticeMail};
use db::outbox::Mail;
use leptos_i18n::Locale as _;

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
    format!(
        "{}{}",
        public_url.trim_end_matches('/'),
        crate::routes::invitation(token)
    )
}

/// The invitation email, in the invitee's language.
pub fn invitation(m: &InvitationMail, public_url: &str) -> Mail {
    let link = invitation_link(public_url, m.token);
    let c = m.contact;
    let org = m.organization.name.as_str();
    let locale = Locale::from(c.language);
    let until = localized_date(m.expires_at);
    let subject = td_string!(locale, mail.invitation_subject, org = org).to_string();
    let mut before = vec![
        td_string!(
            locale,
            mail.greeting,
            first_name = c.first_name.as_str(),
            last_name = c.last_name.as_str()
        )
        .to_string(),
        td_string!(locale, mail.invitation_text, sender = m.sender, org = org).to_string(),
    ];
    if !m.message.is_empty() {
        let from = td_string!(locale, mail.message_from, sender = m.sender);
        before.push(format!("{from}\n{}", m.message));
    }
    let follow = td_string!(locale, mail.open_link);
    let after = vec![
        td_string!(locale, mail.valid_until, date = until.get(locale)).to_string(),
        td_string!(locale, mail.not_expected).to_string(),
        td_string!(locale, mail.signature).to_string(),
    ];
    let text = format!(
        "{}\n\n{follow}\n{link}\n\n{}\n",
        before.join("\n\n"),
        after.join("\n\n")
    );
    let html = document(
        locale.as_str(),
        &subject,
        &format!(
            "{}\n<p>{}<br><a href=\"{link}\">{link}</a></p>\n{}",
            html_paragraphs(&before),
            escape(follow),
            html_paragraphs(&after),
            link = escape(&link),
        ),
    );
    Mail {
        to: c.email.clone(),
        subject,
        text,
        html,
        link: Some(link),
    }
}

fn notice(n: &NoticeMail, locale: Locale, subject: String, paragraphs: Vec<String>) -> Mail {
    let text = format!("{}\n", paragraphs.join("\n\n"));
    let html = document(locale.as_str(), &subject, &html_paragraphs(&paragraphs));
    Mail {
        to: n.to.to_string(),
        subject,
        text,
        html,
        link: None,
    }
}

/// The notice to the inviting administrator that the invitation was accepted.
pub fn accepted(n: &NoticeMail) -> Mail {
    let c = n.contact;
    let locale = Locale::from(n.language);
    let on = localized_date(n.at);
    let (first_name, last_name) = (c.first_name.as_str(), c.last_name.as_str());
    notice(
        n,
        locale,
        td_string!(
            locale,
            mail.accepted_subject,
            last_name = last_name,
            first_name = first_name
        )
        .to_string(),
        vec![
            td_string!(
                locale,
                mail.accepted_text,
                first_name = first_name,
                last_name = last_name,
                org = n.organization.name.as_str(),
                date = on.get(locale)
            )
            .to_string(),
            td_string!(locale, mail.accepted_access).to_string(),
            td_string!(locale, mail.signature).to_string(),
        ],
    )
}

/// The notice to the inviting administrator that the invitation expired unaccepted.
pub fn expired(n: &NoticeMail) -> Mail {
    let c = n.contact;
    let locale = Locale::from(n.language);
    let on = localized_date(n.at);
    let (first_name, last_name) = (c.first_name.as_str(), c.last_name.as_str());
    notice(
        n,
        locale,
        td_string!(
            locale,
            mail.expired_subject,
            last_name = last_name,
            first_name = first_name
        )
        .to_string(),
        vec![
            td_string!(
                locale,
                mail.expired_text,
                first_name = first_name,
                last_name = last_name,
                email = c.email.as_str(),
                org = n.organization.name.as_str(),
                date = on.get(locale)
            )
            .to_string(),
            td_string!(locale, mail.send_again).to_string(),
            td_string!(locale, mail.signature).to_string(),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use db::entity::contact::Language;
    use db::entity::{contact, organization};

    fn contact(language: Language) -> contact::Model {
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
            language,
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
            let c = contact(if language == "en" {
                Language::En
            } else {
                Language::Fr
            });
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

    #[test]
    fn notices_are_in_the_administrators_language() {
        let org = organization();
        let c = contact(Language::Fr);
        let at = chrono::Utc.with_ymd_and_hms(2023, 9, 1, 15, 0, 0).unwrap();
        let notice = |language| NoticeMail {
            contact: &c,
            organization: &org,
            to: "admin@example.org",
            language,
            at,
        };
        let mail = accepted(&notice(Language::Fr));
        assert_eq!(mail.to, "admin@example.org");
        assert_eq!(mail.subject, "Invitation acceptée : Doiron, Nadine");
        assert_eq!(
            mail.text,
            "Nadine Doiron a accepté votre invitation au LaMPSS pour Services d'emploi de la \
             Vallée le 01 sept. 2023.\n\nSon compte a maintenant accès au LaMPSS avec les \
             profils de sécurité de l'invitation.\n\nLaMPSS\n"
        );
        assert!(mail.html.contains("<html lang=\"fr\">"));
        let mail = expired(&notice(Language::En));
        assert_eq!(mail.subject, "Invitation expired: Doiron, Nadine");
        assert_eq!(
            mail.text,
            "The invitation to LaMPSS you sent to Nadine Doiron (nadine.doiron@example.org) for \
             Services d'emploi de la Vallée expired on Sep 1, 2023 without being accepted.\n\n\
             You can send it again from the contact list (“Invitation to LaMPSS”).\n\nLaMPSS\n"
        );
        assert!(mail.html.contains("<html lang=\"en\">"));
        assert!(mail.html.contains("Services d&#39;emploi"));
    }
}
