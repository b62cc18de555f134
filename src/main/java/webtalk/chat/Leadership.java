package webtalk.chat;

/**
 * Whether this node is the one that does the deployment-wide housekeeping (closing idle rooms,
 * applying retention): work that must be done once, not once per node. Guarantee: at any time at
 * most one node of a deployment is told yes for long (a lease may overlap by its renewal margin,
 * so the work itself stays idempotent); node-local chores (sweeping this node's limiters) do not
 * ask.
 */
public interface Leadership {

    /** Asked before each round of shared housekeeping. */
    boolean leads();
}
