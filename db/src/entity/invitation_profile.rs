use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation_profile")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub invitation_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub profile_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
