/// The size of a generated fleet: how many clusters, groups and machines, and how big the tables are.
public struct FleetShape: Sendable, Hashable, CustomStringConvertible {
    /// Independent clusters.
    public var clusters: Int
    /// Groups per cluster.
    public var groups: Int
    /// Machines per cluster, spread over its groups.
    public var machines: Int
    /// SMTP routes of each cluster's `smtp_routes`.
    public var smtpRoutes: Int
    /// Host access table rows of each cluster's inbound listener.
    public var hatRows: Int
    /// Entries of each cluster's `global_unsubscribe`.
    public var unsubscribe: Int
    /// Administrative accounts of each cluster.
    public var users: Int

    /// Creates a shape.
    public init(clusters: Int, groups: Int, machines: Int, smtpRoutes: Int, hatRows: Int, unsubscribe: Int, users: Int) {
        self.clusters = clusters
        self.groups = groups
        self.machines = machines
        self.smtpRoutes = smtpRoutes
        self.hatRows = hatRows
        self.unsubscribe = unsubscribe
        self.users = users
    }

    /// The reference fleet of the performance targets: 200 machines, 2,000 routes and 500 HAT rows per cluster.
    public static let reference = FleetShape(
        clusters: 10, groups: 4, machines: 20, smtpRoutes: 2_000, hatRows: 500, unsubscribe: 1_000, users: 25)

    /// Machines in the whole fleet.
    public var totalMachines: Int { clusters * machines }

    /// `10c×4g×20m, 2000 routes, 500 hat`
    public var description: String {
        "\(clusters)c×\(groups)g×\(machines)m, \(smtpRoutes) routes, \(hatRows) hat, \(unsubscribe) unsubscribe, \(users) users"
    }

    /// Why the shape cannot be generated, if it cannot.
    public var problem: String? {
        if clusters < 1 || clusters > 999 { return "clusters must be 1...999" }
        if groups < 1 || groups > 99 { return "groups must be 1...99" }
        if machines < groups || machines > 60_000 { return "machines per cluster must be at least the groups and at most 60,000" }
        if hatRows < 1 || hatRows > 1_000_000 { return "hat rows must be 1...1,000,000" }
        if smtpRoutes < 0 || unsubscribe < 0 || users < 1 { return "tables cannot be negative; at least one user" }
        return nil
    }
}
