package org.relaydesk.core.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.relaydesk.core.error.ConflictException;
import org.relaydesk.core.error.InvalidInputException;
import org.relaydesk.core.error.NotFoundException;
import org.relaydesk.core.persistence.Tenancy;

/** Staff accounts of the current workspace. */
@ApplicationScoped
public class UserService {
    public static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    @Inject
    Tenancy tenancy;

    public record NewUser(String email, String name, String role, String password) {
    }

    /** Validates and adds a staff member to the current workspace. */
    @Transactional
    public User create(NewUser input) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String email = input.email() == null ? "" : input.email().trim().toLowerCase(Locale.ROOT);
        errors.check(EMAIL.matcher(email).matches() && email.length() <= 320, "email", "must be a valid email address")
                .check(input.name() != null && !input.name().isBlank() && input.name().length() <= 200, "name", "is required (at most 200 characters)")
                .check(Role.fromApiName(input.role()).isPresent(), "role", "must be one of admin, supervisor, agent")
                .check(input.password() != null && input.password().length() >= PasswordHasher.MIN_LENGTH && input.password().length() <= 200,
                        "password", "must have at least " + PasswordHasher.MIN_LENGTH + " characters");
        errors.throwIfAny();
        if (emailTaken(email)) {
            throw new ConflictException("A user with this email already exists");
        }
        User user = new User(email, input.name(), Role.fromApiName(input.role()).orElseThrow(), PasswordHasher.hash(input.password()));
        tenancy.em().persist(user);
        return user;
    }

    /** Email addresses are unique across workspaces, since an address signs in to one account. */
    boolean emailTaken(String email) {
        return !tenancy.sql("SELECT 1 FROM users WHERE lower(email) = ?1")
                .setParameter(1, email).getResultList().isEmpty();
    }

    @Transactional
    public List<User> list() {
        return tenancy.em().createQuery("SELECT u FROM User u ORDER BY u.name", User.class).getResultList();
    }

    @Transactional
    public User get(UUID id) {
        User user = tenancy.em().find(User.class, id);
        if (user == null) {
            throw new NotFoundException("User");
        }
        return user;
    }
}
