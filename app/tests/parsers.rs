//! Property tests of the parsers the browser and the server share: whatever arrives (any
//! Unicode, near misses of valid values, hostile lengths), they answer without panicking, and
//! what they accept keeps its meaning when it is written back (in the URL, in the other
//! language, parsed again).
//!
//! Bounded: `PROPTEST_CASES` cases per property (512 by default here), a few seconds in all.

use app::contacts::dto::ContactQuery;
use app::contacts::form::{ContactInput, FormRules};
use app::domain::{EmailAddress, Language, PhoneNumber, ProfileId};
use app::invitations::dto::{InviteInput, MESSAGE_MAX};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(512);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Any text, or text close to what the field takes, where the interesting mistakes are.
fn text_like(near: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        near,
        // Valid-looking values wrapped in spaces and control characters, or made long.
        (near, "[ \t\r\n\u{0}\u{7f}\u{a0}]{0,3}").prop_map(|(v, pad)| format!("{pad}{v}{pad}")),
        (near, 1usize..40).prop_map(|(v, n)| v.repeat(n)),
    ]
}

/// Mostly what the field takes (often accepted), now and then anything.
fn mostly(near: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![19 => near.prop_map(|s| s), 1 => text_like(near)]
}

const NAME: &str = "[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' .-]{0,39}";
const EMAIL: &str =
    "[a-zA-Z0-9_%+'-]{1,10}(\\.[a-zA-Z0-9_%+'-]{1,8})?@[a-z0-9é]{1,12}(\\.[a-zA-Z]{2,6}){1,2}";
const PHONE: &str = "(\\+1 ?)?\\(?9[0-9]{2}\\)?[ .-]?[2-9][0-9]{2}[ .-]?[0-9]{4}( ?(x|#|ext\\.?|poste) ?[0-9]{1,6})?";
const FTE: &str = "0([.,][0-9]{1,2})?|1([.,]0{1,2})?";
const DATE: &str = "(20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))|((0[1-9]|1[0-9]|2[0-8])-(0[1-9]|1[0-2])-20[0-9]{2})";
const OFFICE: &str = "KENTVILLE|WOLFVILLE|HALIFAX|";
const POSITION: &str = "MANAGER|COUNSELLOR|CASE_MANAGER|OTHER|[A-Z]{0,10}";

/// A contact form as posted: `field` makes each field's text.
fn contact_input<S: Strategy<Value = String>>(
    field: impl Fn(&'static str) -> S,
) -> impl Strategy<Value = ContactInput> {
    (
        (
            field(NAME),
            field(NAME),
            field(EMAIL),
            field("[A-Za-zÀ-ÿ ,.-]{0,40}"),
            field(PHONE),
            field("|[0-9]{1,7}"),
            field("|(\\+1 ?)?9[0-9]{2}[ .-]?[2-9][0-9]{2}[ .-]?[0-9]{4}"),
        ),
        (
            field("fr|en"),
            prop_oneof![9 => Just(true), 1 => Just(false)],
            any::<bool>(),
            field(OFFICE),
            field(FTE),
            field(DATE),
            field("|20[3-9][0-9]-0[1-9]-1[0-9]"),
            field(POSITION),
        ),
    )
        .prop_map(
            |(
                (last_name, first_name, email, title, phone, phone_ext, cell_phone),
                (
                    language,
                    active,
                    is_primary,
                    office_location,
                    fte,
                    start_date,
                    end_date,
                    position_type,
                ),
            )| ContactInput {
                last_name,
                first_name,
                email,
                title,
                phone,
                phone_ext,
                cell_phone,
                language,
                active,
                is_primary,
                office_location,
                fte,
                start_date,
                end_date,
                position_type,
            },
        )
}

/// Forms near what a person sends (many accepted), and hostile ones.
fn any_contact_input() -> impl Strategy<Value = ContactInput> {
    prop_oneof![
        3 => contact_input(|near| mostly(near).boxed()),
        1 => contact_input(|near| text_like(near).boxed()),
    ]
}

const OFFICES: [&str; 2] = ["KENTVILLE", "WOLFVILLE"];

proptest! {
    #![proptest_config(config())]

    /// The contact form: any input gets an answer; an accepted one is trimmed, within its
    /// limits, free of control characters, and means the same once the form shows its FTE and
    /// dates in either language (switching language keeps the contact).
    #[test]
    fn the_contact_form_answers_anything_and_keeps_what_it_accepts(
        input in any_contact_input(),
        requires_job in any::<bool>(),
    ) {
        let offices: Vec<String> = OFFICES.iter().map(|s| s.to_string()).collect();
        let rules = || FormRules { requires_job, office_locations: &offices };
        match input.parse(rules()) {
            Ok(valid) => {
                for name in [&valid.last_name, &valid.first_name] {
                    prop_assert!(!name.is_empty());
                    prop_assert_eq!(name.trim(), name.as_str());
                    prop_assert!(name.chars().count() <= app::domain::limits::NAME_MAX);
                    prop_assert!(!name.chars().any(char::is_control));
                }
                prop_assert_eq!(EmailAddress::parse(valid.email.as_str()), Ok(valid.email.clone()));
                for language in [Language::Fr, Language::En] {
                    let shown = input.clone().written(language);
                    prop_assert_eq!(shown.parse(rules()), Ok(valid.clone()), "{:?}", language);
                }
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    /// Emails and phones read back as themselves, as they are shown.
    #[test]
    fn emails_and_phones_read_back_as_themselves(
        email in text_like(EMAIL),
        phone in text_like(PHONE),
    ) {
        if let Ok(parsed) = EmailAddress::parse(&email) {
            prop_assert_eq!(EmailAddress::parse(parsed.as_str()), Ok(parsed.clone()));
        }
        if let Ok(parsed) = PhoneNumber::parse(&phone) {
            // Shown as « (902) 555-1212 », the extension in its own field.
            let shown = match parsed.extension() {
                Some(extension) => format!("{parsed} poste {extension}"),
                None => parsed.to_string(),
            };
            prop_assert_eq!(PhoneNumber::parse(&shown), Ok(parsed.clone()));
        }
    }

    /// The list's query from URL parameters: any parameters get an answer; a valid query put
    /// in a URL (visible ASCII only) and read back is the same query.
    #[test]
    fn a_list_query_survives_its_url(
        params in proptest::collection::vec(
            (
                prop_oneof![
                    Just("last_name"), Just("first_name"), Just("email"), Just("user_id"),
                    Just("profile"), Just("active"), Just("access"), Just("page"), Just("clear"),
                ],
                prop_oneof![
                    any::<String>(),
                    mostly(NAME),
                    "[0-9]{1,4}|-?[0-9 ]{0,6}|on|off|true|false|0|1",
                ],
            ),
            0..12,
        ),
    ) {
        let query = ContactQuery::from_params(|key| {
            params.iter().filter(|(k, _)| *k == key).map(|(_, v)| v.clone()).collect()
        });
        let parsed = query.parse();
        let url = query.to_query_string();
        prop_assert!(url.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{}", url);
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(url.trim_start_matches('?').as_bytes()).into_owned().collect();
        let again = ContactQuery::from_params(|key| {
            pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect()
        });
        if let Ok(filter) = parsed {
            prop_assert_eq!(again.parse(), Ok(filter));
            prop_assert_eq!(again.to_query_string(), url);
        }
    }

    /// The invitation's message and profiles: any request gets an answer; an accepted one is
    /// within its limits, names each grantable profile once, and is accepted again as itself.
    #[test]
    fn an_invitation_request_answers_anything_and_is_stable(
        message in mostly("[\\PC\r\n\t]{0,60}"),
        grantable in proptest::collection::vec(1i32..10, 0..6),
        chosen in proptest::collection::vec(any::<proptest::sample::Index>(), 0..4),
        others in proptest::collection::vec(-3i32..12, 0..3),
    ) {
        // Mostly profiles the administrator may grant, sometimes others.
        let mut profiles: Vec<i32> = chosen
            .iter()
            .filter(|_| !grantable.is_empty())
            .map(|i| grantable[i.index(grantable.len())])
            .collect();
        profiles.extend(others.iter().filter(|_| chosen.len().is_multiple_of(3)));
        let input = InviteInput {
            profiles: profiles.into_iter().map(ProfileId).collect(),
            message,
        };
        let grantable: Vec<ProfileId> = grantable.into_iter().map(ProfileId).collect();
        match input.parse(&grantable) {
            Ok(ok) => {
                prop_assert!(ok.message.chars().count() <= MESSAGE_MAX);
                prop_assert!(!ok.message.contains('\r'));
                prop_assert!(!ok.message.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
                prop_assert!(!ok.profiles.is_empty());
                prop_assert!(ok.profiles.windows(2).all(|w| w[0] < w[1]));
                prop_assert!(ok.profiles.iter().all(|p| grantable.contains(p)));
                prop_assert_eq!(ok.parse(&grantable), Ok(ok.clone()));
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    /// Where a sign-in sends the browser next: only a path of this site, fit for a header.
    #[test]
    fn next_is_a_path_of_this_site_or_nothing(next in prop_oneof![
        any::<String>(),
        "/[a-z0-9/?=&%.-]{0,30}",
        "[/\\\\]{0,3}[a-zA-Z0-9:.?=&%@/\\\\ \u{e9}\r\n-]{0,30}",
    ]) {
        if let Some(path) = app::url::local_path(&next) {
            prop_assert_eq!(path, next.as_str());
            prop_assert!(path.starts_with('/') && !path.starts_with("//"));
            prop_assert!(!path.contains('\\'));
            prop_assert!(http::HeaderValue::from_str(path).is_ok());
        }
    }
}
