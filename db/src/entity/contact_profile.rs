use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_profile")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contact_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub profile_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::security_profile::Entity",
        from = "Column::ProfileId",
        to = "super::security_profile::Column::Id"
    )]
    SecurityProfile,
}

impl Related<super::security_profile::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SecurityProfile.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
