package io.passportsuite.membership.membership;

import java.util.Set;

/** Per-user exceptions to a tier: capabilities given on top of it and taken from it. */
record CapabilityOverrides(Set<String> granted, Set<String> revoked) {

    static final CapabilityOverrides NONE = new CapabilityOverrides(Set.of(), Set.of());
}
