//! The merchant dashboard's entry: `index.html` loads it for `/` and `/dashboard/...`.

fn main() {
    rebound_web::mount_dashboard();
}
