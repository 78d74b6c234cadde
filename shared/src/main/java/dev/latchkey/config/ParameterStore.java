package dev.latchkey.config;

/**
 * Configuration kept outside the environment (port): the link base the template's SSM parameter holds. The adapter
 * is {@code config/ssm}; the dev server and the tests give their link base as a URL and never read one.
 */
public interface ParameterStore {
    /**
     * The value of the parameter {@code name}.
     *
     * @throws IllegalStateException when it cannot be read, with a message naming the parameter and the reason
     *     (it does not exist, access denied, the service did not answer)
     */
    String read(String name);
}
