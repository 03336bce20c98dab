//! The release server, started on a free loopback port for one database, and what `/proc`
//! says of it: CPU time (all its threads, those that ended included) and memory.

use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

pub struct Server {
    child: Child,
    pid: u32,
    base: String,
    ticks_per_second: f64,
}

impl Server {
    /// Starts `binary` (from the repository root, which holds the site's files) on the
    /// database at `url`, and waits until it answers.
    pub async fn start(binary: &str, url: &str) -> Result<Self, String> {
        Self::start_with(binary, url, &[]).await
    }

    /// [`Server::start`], with more environment variables (`SMTP_URL`, say).
    pub async fn start_with(
        binary: &str,
        url: &str,
        env: &[(&str, String)],
    ) -> Result<Self, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let child = Command::new(binary)
            .env("DATABASE_URL", url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .envs(env.iter().map(|(name, value)| (name, value)))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("cannot start {binary}: {e}"))?;
        let pid = child.id().ok_or("the server ended at once")?;
        let server = Self {
            child,
            pid,
            base: format!("http://127.0.0.1:{port}"),
            ticks_per_second: ticks_per_second(),
        };
        let client = reqwest::Client::new();
        let start = Instant::now();
        // The first start on a large database may migrate it.
        while start.elapsed() < Duration::from_secs(300) {
            if let Ok(res) = client.get(server.url("/login")).send().await
                && res.status().is_success()
            {
                return Ok(server);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(format!(
            "{binary} did not answer on {} within 5 minutes",
            server.base
        ))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A client signed in as `(email, password)` through the demo identity provider.
    pub async fn signed_in(
        &self,
        (email, password): (&str, &str),
    ) -> Result<reqwest::Client, String> {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(64)
            .build()
            .map_err(|e| e.to_string())?;
        let res = client
            .post(self.url("/api/sign_in"))
            .header("accept", "text/html")
            .form(&[("email", email), ("password", password), ("next", "")])
            .send()
            .await
            .map_err(|e| format!("sign-in: {e}"))?;
        if res.status() != reqwest::StatusCode::FOUND {
            return Err(format!("sign-in answered {}", res.status()));
        }
        Ok(client)
    }

    /// The CPU time the server has used so far, all threads.
    pub fn cpu(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap_or_default();
        // The fields after the command name, which is in parentheses: utime and stime are the
        // 14th and 15th of the whole line.
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<f64> = after
            .split_whitespace()
            .map(|f| f.parse().unwrap_or(0.0))
            .collect();
        let ticks = fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0);
        Duration::from_secs_f64(ticks / self.ticks_per_second)
    }

    fn status_kb(&self, field: &str) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.pid))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }

    /// The server's resident memory now, in KiB.
    pub fn rss_kb(&self) -> u64 {
        self.status_kb("VmRSS:")
    }

    /// The most resident memory the server has had, in KiB.
    pub fn peak_rss_kb(&self) -> u64 {
        self.status_kb("VmHWM:")
    }
}

impl Server {
    /// Ends the server at once with SIGKILL, as a power cut or the kernel's OOM killer would:
    /// no request finishes, no transaction commits.
    pub async fn kill(mut self) -> Result<(), String> {
        self.child.kill().await.map_err(|e| e.to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// Clock ticks per second of `/proc`'s CPU times.
fn ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse().ok())
        .unwrap_or(100.0)
}
