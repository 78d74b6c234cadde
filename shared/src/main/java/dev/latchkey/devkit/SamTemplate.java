package dev.latchkey.devkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Reads template.yaml the way the dev server and the tests need it: the functions with their
 * handlers and HttpApi routes, the HttpApi's Lambda authorizer, and the table definition.
 *
 * <p>CloudFormation short tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) are read into
 * {@link Ref}, {@link GetAtt} and {@link Intrinsic} values, so loading never fails on them. Nothing is
 * resolved: values that are not literals are simply left out where only literals make sense
 * ({@link FunctionDef#literalEnvironment()}).
 *
 * <p>Test and dev-server code only: snakeyaml is {@code provided} in the shared module.
 */
public final class SamTemplate {

    /** System property that points at a template.yaml explicitly (the launcher sets it). */
    public static final String TEMPLATE_PROPERTY = "latchkey.template";

    private static final String FILE_NAME = "template.yaml";

    /** {@code !Ref X} or {@code {Ref: X}}; for {@code !Ref Fn.Alias} the name is "Fn.Alias". */
    public record Ref(String name) {}

    /** {@code !GetAtt X.Attr}, {@code !GetAtt [X, Attr]} or {@code {Fn::GetAtt: [X, Attr]}}. */
    public record GetAtt(String logicalId, String attribute) {}

    /** Any other intrinsic, e.g. {@code Intrinsic("Fn::Sub", "arn:${AWS::Partition}:...")}. */
    public record Intrinsic(String function, Object argument) {}

    /**
     * One {@code AWS::Serverless::Function}, with Globals.Function merged in.
     *
     * @param literalEnvironment the environment variables whose values are literals (intrinsics left out)
     * @param memorySizeMb       MemorySize (128 when neither the function nor Globals sets it)
     * @param timeoutSeconds     Timeout (3 when neither the function nor Globals sets it)
     */
    public record FunctionDef(
            String logicalId,
            String handlerClass,
            String handlerMethod,
            Map<String, String> literalEnvironment,
            List<HttpRoute> routes,
            int memorySizeMb,
            int timeoutSeconds) {

        public FunctionDef {
            literalEnvironment = Map.copyOf(literalEnvironment);
            routes = List.copyOf(routes);
        }

        public FunctionDef(String logicalId, String handlerClass, String handlerMethod,
                Map<String, String> literalEnvironment, List<HttpRoute> routes) {
            this(logicalId, handlerClass, handlerMethod, literalEnvironment, routes, 128, 3);
        }
    }

    /**
     * One HttpApi event of a function.
     *
     * @param method         upper case, or "ANY"
     * @param path           the route path as written ({@code /v1/users/{id}}), or "$default"
     * @param usesAuthorizer false for {@code Auth: {Authorizer: NONE}}, otherwise true when the API has
     *                       a DefaultAuthorizer or the event names an authorizer
     */
    public record HttpRoute(String method, String path, boolean usesAuthorizer) {
        /** API Gateway's route key: "POST /v1/signup" or "$default". */
        public String routeKey() {
            return "$default".equals(path) ? "$default" : method + " " + path;
        }
    }

    private final Path path;
    private final Map<String, Object> root;

    private SamTemplate(Path path, Map<String, Object> root) {
        this.path = path;
        this.root = root;
    }

    /**
     * The template this build belongs to: the {@value #TEMPLATE_PROPERTY} system property when set,
     * else the first template.yaml found walking up from {@code user.dir}.
     */
    public static Path locate() {
        String explicit = System.getProperty(TEMPLATE_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path file = Path.of(explicit).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(TEMPLATE_PROPERTY + " points at " + file + ", which is not a file");
            }
            return file;
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + FILE_NAME + " in " + start + " or any directory above it");
    }

    public static SamTemplate load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new CloudFormationConstructor()).load(reader);
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " is not a YAML mapping");
            }
            return new SamTemplate(file, stringKeys(map));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Path path() {
        return path;
    }

    /** The parsed document (maps, lists, scalars and the intrinsic records above). */
    public Map<String, Object> document() {
        return root;
    }

    /** Every {@code AWS::Serverless::Function}, in template order. */
    public List<FunctionDef> functions() {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        List<FunctionDef> functions = new ArrayList<>();
        for (var entry : resources().entrySet()) {
            Map<String, Object> resource = map(entry.getValue());
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                continue;
            }
            String id = entry.getKey();
            Map<String, Object> properties = map(resource.get("Properties"));
            Object handler = properties.getOrDefault("Handler", globals.get("Handler"));
            if (!(handler instanceof String handlerName) || handlerName.isBlank()) {
                throw new IllegalStateException(id + " has no literal Handler in " + path);
            }
            int separator = handlerName.indexOf("::");
            String handlerClass = separator < 0 ? handlerName : handlerName.substring(0, separator);
            String handlerMethod = separator < 0 ? "handleRequest" : handlerName.substring(separator + 2);

            Map<String, String> environment = new LinkedHashMap<>();
            literalVariables(globals, environment);
            literalVariables(properties, environment);

            functions.add(new FunctionDef(id, handlerClass, handlerMethod, environment, routes(properties),
                    intProperty(properties, globals, "MemorySize", 128),
                    intProperty(properties, globals, "Timeout", 3)));
        }
        return List.copyOf(functions);
    }

    public Optional<FunctionDef> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /**
     * The logical id of the function behind the HttpApi's default Lambda authorizer: its FunctionArn
     * {@code !Ref X.Alias}, {@code !Ref X}, {@code !GetAtt X.Arn} or {@code !Sub ${X.Arn}} all give "X".
     */
    public Optional<String> authorizerFunctionId() {
        return defaultAuthorizer().map(authorizer -> authorizer.get("FunctionArn")).flatMap(SamTemplate::functionIdOf);
    }

    /** The header names of the default authorizer's identity source (Identity.Headers), as written. */
    public List<String> authorizerIdentityHeaders() {
        return defaultAuthorizer()
                .map(authorizer -> map(authorizer.get("Identity")).get("Headers"))
                .map(headers -> list(headers).stream().filter(String.class::isInstance).map(String.class::cast).toList())
                .orElse(List.of());
    }

    /** The one {@code AWS::DynamoDB::Table}'s definition, as a CreateTable request for {@code tableName}. */
    public CreateTableRequest createTableRequest(String tableName) {
        Map<String, Object> properties = tableProperties();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                        .map(SamTemplate::map)
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(string(a.get("AttributeName")))
                                .attributeType(string(a.get("AttributeType")))
                                .build())
                        .toList())
                .keySchema(keySchema(properties.get("KeySchema")));

        boolean onDemand = "PAY_PER_REQUEST".equals(properties.get("BillingMode"));
        request.billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
        if (!onDemand) {
            request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput")));
        }

        List<GlobalSecondaryIndex> globalIndexes = list(properties.get("GlobalSecondaryIndexes")).stream()
                .map(SamTemplate::map)
                .map(index -> {
                    GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                            .indexName(string(index.get("IndexName")))
                            .keySchema(keySchema(index.get("KeySchema")))
                            .projection(projection(index.get("Projection")));
                    if (!onDemand) {
                        gsi.provisionedThroughput(throughput(index.get("ProvisionedThroughput")));
                    }
                    return gsi.build();
                })
                .toList();
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<LocalSecondaryIndex> localIndexes = list(properties.get("LocalSecondaryIndexes")).stream()
                .map(SamTemplate::map)
                .map(index -> LocalSecondaryIndex.builder()
                        .indexName(string(index.get("IndexName")))
                        .keySchema(keySchema(index.get("KeySchema")))
                        .projection(projection(index.get("Projection")))
                        .build())
                .toList();
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }

        Map<String, Object> stream = map(properties.get("StreamSpecification"));
        if (stream.get("StreamViewType") instanceof String viewType) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(viewType)
                    .build());
        }
        return request.build();
    }

    /**
     * One DynamoDB stream event of a function (an event source mapping on the table's stream).
     *
     * @param filterPatterns        the FilterCriteria patterns (JSON text), empty for none
     * @param maximumRetryAttempts  how often a failing record is retried (-1: until it expires)
     * @param reportsItemFailures   FunctionResponseTypes has ReportBatchItemFailures
     */
    public record StreamSubscription(String functionId, int batchSize, List<String> filterPatterns, int maximumRetryAttempts,
                                     boolean reportsItemFailures) {

        public StreamSubscription {
            filterPatterns = List.copyOf(filterPatterns);
        }
    }

    /** Every function's DynamoDB stream events (Type: DynamoDB), in template order. */
    public List<StreamSubscription> streamSubscriptions() {
        List<StreamSubscription> subscriptions = new ArrayList<>();
        for (var entry : resources().entrySet()) {
            Map<String, Object> resource = map(entry.getValue());
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                continue;
            }
            for (Object value : map(map(resource.get("Properties")).get("Events")).values()) {
                Map<String, Object> event = map(value);
                if (!"DynamoDB".equals(event.get("Type"))) {
                    continue;
                }
                Map<String, Object> properties = map(event.get("Properties"));
                List<String> patterns = list(map(properties.get("FilterCriteria")).get("Filters")).stream()
                        .map(f -> map(f).get("Pattern")).map(String::valueOf).toList();
                int batchSize = properties.get("BatchSize") instanceof Number n ? n.intValue() : 100;
                int retries = properties.get("MaximumRetryAttempts") instanceof Number n ? n.intValue() : -1;
                boolean itemFailures = list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
                subscriptions.add(new StreamSubscription(entry.getKey(), batchSize, patterns, retries, itemFailures));
            }
        }
        return List.copyOf(subscriptions);
    }

    /** The table's TTL attribute, when TimeToLiveSpecification enables one (applied after CreateTable). */
    public Optional<String> timeToLiveAttribute() {
        Map<String, Object> ttl = map(tableProperties().get("TimeToLiveSpecification"));
        boolean enabled = Boolean.TRUE.equals(ttl.get("Enabled")) || "true".equals(String.valueOf(ttl.get("Enabled")));
        return enabled && ttl.get("AttributeName") instanceof String name ? Optional.of(name) : Optional.empty();
    }

    // ------------------------------------------------------------------ template navigation

    private Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    private Map<String, Object> tableProperties() {
        List<Map<String, Object>> tables = resources().values().stream()
                .map(SamTemplate::map)
                .filter(resource -> "AWS::DynamoDB::Table".equals(resource.get("Type")))
                .toList();
        if (tables.size() != 1) {
            throw new IllegalStateException(
                    "expected exactly one AWS::DynamoDB::Table in " + path + ", found " + tables.size());
        }
        return map(tables.getFirst().get("Properties"));
    }

    private List<HttpRoute> routes(Map<String, Object> functionProperties) {
        List<HttpRoute> routes = new ArrayList<>();
        for (Object value : map(functionProperties.get("Events")).values()) {
            Map<String, Object> event = map(value);
            if (!"HttpApi".equals(event.get("Type"))) {
                continue;
            }
            Map<String, Object> properties = map(event.get("Properties"));
            Map<String, Object> api = httpApiProperties(properties.get("ApiId"));
            String method = properties.get("Method") instanceof String m ? m.toUpperCase(Locale.ROOT) : "ANY";
            String routePath = properties.get("Path") instanceof String p ? p : "$default";
            if ("$default".equals(routePath)) {
                method = "ANY";
            }
            Object authorizer = map(properties.get("Auth")).get("Authorizer");
            boolean usesAuthorizer = authorizer instanceof String name
                    ? !"NONE".equals(name)
                    : map(api.get("Auth")).get("DefaultAuthorizer") instanceof String;
            routes.add(new HttpRoute(method, routePath, usesAuthorizer));
        }
        return routes;
    }

    /**
     * The properties of the HttpApi an event belongs to, Globals.HttpApi merged in. Without an ApiId an
     * event belongs to SAM's implicit API; a template with exactly one explicit HttpApi is read leniently
     * as meaning that one.
     */
    private Map<String, Object> httpApiProperties(Object apiId) {
        Map<String, Object> merged = new LinkedHashMap<>(map(map(root.get("Globals")).get("HttpApi")));
        Optional<String> id = referencedId(apiId);
        if (id.isEmpty()) {
            List<String> apis = resources().entrySet().stream()
                    .filter(e -> "AWS::Serverless::HttpApi".equals(map(e.getValue()).get("Type")))
                    .map(Map.Entry::getKey)
                    .toList();
            id = apis.size() == 1 ? Optional.of(apis.getFirst()) : Optional.empty();
        }
        id.map(resources()::get).map(SamTemplate::map).ifPresent(resource -> merged.putAll(map(resource.get("Properties"))));
        return merged;
    }

    private Optional<Map<String, Object>> defaultAuthorizer() {
        Map<String, Object> auth = map(httpApiProperties(null).get("Auth"));
        if (!(auth.get("DefaultAuthorizer") instanceof String name)) {
            return Optional.empty();
        }
        Object authorizer = map(auth.get("Authorizers")).get(name);
        return authorizer instanceof Map<?, ?> ? Optional.of(map(authorizer)) : Optional.empty();
    }

    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.(Arn|Alias)}");

    private static Optional<String> functionIdOf(Object functionArn) {
        return switch (functionArn) {
            case Ref(String name) -> Optional.of(stripSuffix(name));
            case GetAtt(String logicalId, var _) -> Optional.of(logicalId);
            case Intrinsic(String function, Object argument) when function.equals("Fn::Sub") -> {
                Object template = argument instanceof List<?> l && !l.isEmpty() ? l.getFirst() : argument;
                Matcher matcher = SUB_REFERENCE.matcher(String.valueOf(template));
                yield matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
            }
            case null, default -> Optional.empty();
        };
    }

    private static Optional<String> referencedId(Object value) {
        return switch (value) {
            case Ref(String name) -> Optional.of(stripSuffix(name));
            case GetAtt(String logicalId, var _) -> Optional.of(logicalId);
            case null, default -> Optional.empty();
        };
    }

    /** "Fn.Alias" and "Fn.Version" (SAM's generated references) name the function "Fn". */
    private static String stripSuffix(String name) {
        for (String suffix : List.of(".Alias", ".Version")) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static void literalVariables(Map<String, Object> properties, Map<String, String> into) {
        Map<String, Object> variables = map(map(properties.get("Environment")).get("Variables"));
        variables.forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                into.put(name, String.valueOf(value));
            } else {
                into.remove(name);
            }
        });
    }

    private static int intProperty(Map<String, Object> properties, Map<String, Object> globals, String name, int fallback) {
        Object value = properties.getOrDefault(name, globals.get(name));
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text && text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        return fallback;
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return list(value).stream()
                .map(SamTemplate::map)
                .map(k -> KeySchemaElement.builder()
                        .attributeName(string(k.get("AttributeName")))
                        .keyType(string(k.get("KeyType")))
                        .build())
                .toList();
    }

    private static Projection projection(Object value) {
        Map<String, Object> projection = map(value);
        Projection.Builder builder = Projection.builder()
                .projectionType(projection.get("ProjectionType") instanceof String type ? type : "KEYS_ONLY");
        List<String> nonKey = list(projection.get("NonKeyAttributes")).stream().map(SamTemplate::string).toList();
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Object value) {
        Map<String, Object> throughput = map(value);
        return ProvisionedThroughput.builder()
                .readCapacityUnits(longOr(throughput.get("ReadCapacityUnits"), 5))
                .writeCapacityUnits(longOr(throughput.get("WriteCapacityUnits"), 5))
                .build();
    }

    private static long longOr(Object value, long fallback) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        return value instanceof String text && text.matches("\\d+") ? Long.parseLong(text) : fallback;
    }

    private static String string(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalStateException("expected a literal in template.yaml, found " + value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    // ------------------------------------------------------------------ YAML

    /**
     * SafeConstructor plus CloudFormation's short-form intrinsics. Long forms ({@code Ref:},
     * {@code Fn::GetAtt:}) are normalised to the same records after construction of the mapping.
     */
    private static final class CloudFormationConstructor extends SafeConstructor {
        private static final List<String> OTHER_FUNCTIONS = List.of(
                "Sub", "Join", "If", "Equals", "Select", "Split", "FindInMap", "ImportValue", "Not", "And", "Or",
                "Base64", "Cidr", "GetAZs", "Condition", "Transform", "Length", "ToJsonString");

        CloudFormationConstructor() {
            super(loaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return new Ref(String.valueOf(constructAny(node)));
                }
            });
            yamlConstructors.put(new Tag("!GetAtt"), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return getAtt(constructAny(node));
                }
            });
            for (String function : OTHER_FUNCTIONS) {
                String name = function.equals("Condition") ? "Condition" : "Fn::" + function;
                yamlConstructors.put(new Tag("!" + function), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return new Intrinsic(name, constructAny(node));
                    }
                });
            }
            // Long forms: {Ref: X}, {Fn::GetAtt: ...}, {Fn::Sub: ...} become the same records.
            Construct mapping = yamlConstructors.get(Tag.MAP);
            yamlConstructors.put(Tag.MAP, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object constructed = mapping.construct(node);
                    return constructed instanceof Map<?, ?> map ? longForm(map) : constructed;
                }

                @Override
                public void construct2ndStep(Node node, Object object) {
                    mapping.construct2ndStep(node, object);
                }
            });
        }

        private static LoaderOptions loaderOptions() {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return options;
        }

        private Object constructAny(Node node) {
            return switch (node) {
                case ScalarNode scalar -> constructScalar(scalar);
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> throw new IllegalStateException("unexpected YAML node " + node);
            };
        }

        private static Object getAtt(Object argument) {
            if (argument instanceof List<?> parts && parts.size() == 2) {
                return new GetAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
            }
            String text = String.valueOf(argument);
            int dot = text.indexOf('.');
            return dot < 0 ? new GetAtt(text, "") : new GetAtt(text.substring(0, dot), text.substring(dot + 1));
        }

        private static Object longForm(Map<?, ?> map) {
            if (map.size() != 1) {
                return map;
            }
            var entry = map.entrySet().iterator().next();
            String key = String.valueOf(entry.getKey());
            if (key.equals("Ref") && entry.getValue() instanceof String name) {
                return new Ref(name);
            }
            if (key.equals("Fn::GetAtt")) {
                return getAtt(entry.getValue());
            }
            if (key.startsWith("Fn::")) {
                return new Intrinsic(key, entry.getValue());
            }
            return map;
        }
    }
}
