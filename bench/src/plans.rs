//! The query plans of the list's statements, as each database explains them, and whether a
//! plan sorts rows or reads a whole table.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

pub struct Plan {
    pub sql: String,
    pub lines: Vec<String>,
}

impl Plan {
    /// Whether the statement reads the organisation's contacts (the others read the page's
    /// rows' details, or the profile catalogue: a few rows).
    pub fn reads_contacts(&self) -> bool {
        self.sql.contains(r#"FROM "contact""#)
    }

    /// A sort of rows (SQLite's temporary B-tree, PostgreSQL's Sort node).
    pub fn sorts(&self) -> bool {
        self.lines.iter().any(|l| {
            l.contains("TEMP B-TREE")
                || l.trim_start().starts_with("Sort")
                || l.contains("->  Sort")
        })
    }

    /// A read of a whole table (SQLite's SCAN without an index, PostgreSQL's Seq Scan).
    pub fn scans(&self) -> bool {
        self.lines
            .iter()
            .any(|l| (l.contains("SCAN ") && !l.contains("USING")) || l.contains("Seq Scan"))
    }
}

/// The plan of each statement (an explanation that fails is shown as its error).
pub async fn of(db: &DatabaseConnection, statements: &[Statement]) -> Vec<Plan> {
    let backend = db.get_database_backend();
    let mut plans = Vec::new();
    for stmt in statements {
        let (prefix, column) = match backend {
            DbBackend::Sqlite => ("EXPLAIN QUERY PLAN ", "detail"),
            _ => ("EXPLAIN ", "QUERY PLAN"),
        };
        let explain = Statement::from_sql_and_values(
            backend,
            format!("{prefix}{}", stmt.sql),
            stmt.values.clone().map(|v| v.0).unwrap_or_default(),
        );
        let lines = match db.query_all_raw(explain).await {
            Ok(rows) => rows
                .iter()
                .map(|row| row.try_get::<String>("", column).unwrap_or_default())
                .collect(),
            Err(err) => vec![format!("(not explained: {err})")],
        };
        plans.push(Plan {
            sql: stmt.sql.clone(),
            lines,
        });
    }
    plans
}
