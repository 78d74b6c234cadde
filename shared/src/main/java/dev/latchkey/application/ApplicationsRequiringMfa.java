package dev.latchkey.application;

import dev.latchkey.mfa.MfaPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The applications feature's answer to "may this user turn MFA off": not while an application they belong to
 * requires it of their role. Read from the memberships index, so a membership made a moment ago may be missed;
 * the application still refuses such a member at its routes ({@link ApplicationAccess}), which is what enforces.
 */
@Singleton
public final class ApplicationsRequiringMfa implements MfaPolicy {
    private final ApplicationStore store;

    @Inject
    public ApplicationsRequiringMfa(ApplicationStore store) {
        this.store = store;
    }

    @Override
    public List<String> applicationsRequiringMfa(String userId) {
        List<Membership> memberships = store.membershipsOf(userId);
        if (memberships.isEmpty()) {
            return List.of();
        }
        Map<String, Application> applications = new HashMap<>();
        store.findAll(memberships.stream().map(Membership::applicationId).toList()).forEach(a -> applications.put(a.id(), a));
        List<String> requiring = new ArrayList<>();
        for (Membership m : memberships) {
            Application a = applications.get(m.applicationId());
            if (a != null && a.requiresMfa(m.role())) {
                requiring.add(a.name() + " (" + m.role().wireName() + ")");
            }
        }
        requiring.sort(String.CASE_INSENSITIVE_ORDER);
        return requiring;
    }
}
