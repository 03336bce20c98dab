//! The security-profile catalogue, part of every database, demo or not: written when the
//! database is opened, if missing.

use crate::Error;
use crate::entity::security_profile;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, Set};

/// (code, French label, English label, module, is admin)
const CATALOGUE: &[(&str, &str, &str, &str, bool)] = &[
    ("GEC_ADMIN", "GEC Admin.", "CMT Admin.", "GEC", true),
    (
        "GA_ADMIN",
        "Admin Gestion de l'apprenant",
        "Learner Management Admin.",
        "GA",
        true,
    ),
    ("CPEP_ADMIN", "Admin CPEP", "CPEP Admin.", "CPEP", true),
    ("EFO_ADMIN", "Admin EFO", "OFA Admin.", "EFO", true),
    (
        "ISS_ADMIN",
        "Admin Inscription à un service",
        "Service Registration Admin.",
        "ISS",
        true,
    ),
    (
        "ISS_VIEW",
        "Affi Ins. à un serv. seul",
        "Service Registration View Only",
        "ISS",
        false,
    ),
    (
        "GEC_VIEW",
        "Affichage GEC uniquement",
        "CMT View Only",
        "GEC",
        false,
    ),
    (
        "GA_VIEW",
        "Affichage Gestion de l'apprenant uniquement",
        "Learner Management View Only",
        "GA",
        false,
    ),
    (
        "GEC_ASSESSOR",
        "Évaluateur GEC",
        "CMT Assessor",
        "GEC",
        false,
    ),
    (
        "GEC_INTAKE",
        "GEC Acc./Suivi",
        "CMT Intake/Follow-up",
        "GEC",
        false,
    ),
    (
        "GEC_CASE",
        "GEC Gest. de cas",
        "CMT Case Mgmt.",
        "GEC",
        false,
    ),
    (
        "GEC_MANAGEMENT",
        "GEC Gestion",
        "CMT Management",
        "GEC",
        false,
    ),
    (
        "GEC_PARTNER",
        "GEC Part. d'aff.",
        "CMT Business Partner",
        "GEC",
        false,
    ),
    (
        "ISS_USER",
        "Utilisateur Inscription à un service",
        "Service Registration User",
        "ISS",
        false,
    ),
    ("EFO_USER", "Utilisateur EFO", "OFA User", "EFO", false),
];

/// Writes the catalogue, if missing. Part of every database, demo or not.
pub async fn ensure<C: ConnectionTrait>(db: &C) -> Result<(), Error> {
    if security_profile::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    for (i, (code, fr, en, module, is_admin)) in CATALOGUE.iter().enumerate() {
        security_profile::ActiveModel {
            code: Set(code.to_string()),
            label_fr: Set(fr.to_string()),
            label_en: Set(en.to_string()),
            module: Set(module.to_string()),
            is_admin: Set(*is_admin),
            sort_order: Set(i as i32),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
