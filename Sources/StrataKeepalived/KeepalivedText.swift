/// The text of keepalived.conf. Scripts run as root (`script_user root`: the agent that writes the file
/// is root, and every command is an absolute path to a root-owned system program, which is what
/// `enable_script_security` demands); no `vrrp_strict` (it drops traffic to the virtual addresses).
enum KeepalivedText {
    struct Input {
        var machine: String
        var instance: String
        var settings: FailoverSettings
        var device: String
        var password: String
        var stateFile: String
    }

    static func render(_ input: Input) -> String {
        let settings = input.settings
        var text = "# keepalived.conf rendered by Strata for \(input.machine). Hand edits are replaced on the next apply.\n"
        text += "global_defs {\n    router_id \(input.machine)\n    enable_script_security\n    script_user root\n}\n\n"
        if let monitor = settings.monitor {
            text += "# failover.monitor: the SMTP banner of listener \(monitor.listener) must start with 220\n"
            text += "vrrp_script strata_monitor {\n"
            text += "    script \"\(bannerCheck(monitor))\"\n"
            text += "    interval \(monitor.interval)\n    timeout \(checkTimeout(monitor))\n    fall \(monitor.fall)\n    rise \(monitor.rise)\n}\n\n"
        }
        text += "vrrp_instance \(input.instance) {\n"
        text += "    state BACKUP\n    interface \(input.device)\n    virtual_router_id \(settings.routerID)\n"
        text += "    priority \(settings.priority)\n    advert_int \(settings.advertInterval)\n"
        text += "    authentication {\n        auth_type PASS\n        auth_pass \(input.password)\n    }\n"
        text += "    unicast_src_ip \(settings.sourceAddress)\n"
        text += "    unicast_peer {\n"
        for peer in settings.peers { text += "        \(peer.address)  # \(peer.machine), priority \(peer.priority)\n" }
        text += "    }\n    virtual_ipaddress {\n"
        for address in settings.addresses { text += "        \(address) dev \(input.device)\n" }
        text += "    }\n"
        if !settings.preempt { text += "    nopreempt\n" }
        if settings.monitor != nil { text += "    track_script {\n        strata_monitor\n    }\n" }
        for state in ["master", "backup", "fault", "stop"] {
            text += "    notify_\(state) \"/bin/sh -c 'echo \(state.uppercased()) > \(input.stateFile)'\"\n"
        }
        return text + "}\n"
    }

    /// bash's /dev/tcp: connect to the listener's own address and read the first line of the banner.
    static func bannerCheck(_ monitor: MonitorTarget) -> String {
        "/bin/bash -c 'exec 3<>/dev/tcp/\(monitor.address)/\(monitor.port) && read -r -t \(checkTimeout(monitor)) line <&3 && [[ $line == 220* ]]'"
    }

    /// A check may take at most the interval (at least 1 s): a slow banner is a failed check.
    static func checkTimeout(_ monitor: MonitorTarget) -> Int { max(1, monitor.interval) }
}
